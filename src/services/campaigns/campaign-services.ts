import type { Knex } from 'knex';
import { campaignExportService } from './campaign-export-service.js';
import { campaignImportService } from './campaign-import-service.js';
import { campaignService } from './campaign-service.js';
import { campaignTagService } from './campaign-tag-service.js';
import { dependencyService } from './dependency-service.js';
import { jobTypeService } from './job-type-service.js';
import { loginSetupService } from './login-setup-service.js';
import { sampleCampaignService } from './sample-campaign-service.js';
import { stageService } from './stage-service.js';

/** Campaigns as data (issue 4): spread into createServices. */
export function campaignServices(db: Knex) {
  const campaignImport = campaignImportService(db);
  return {
    loginSetups: loginSetupService(db),
    jobTypes: jobTypeService(db),
    campaigns: campaignService(db),
    stages: stageService(db),
    dependencies: dependencyService(db),
    campaignTags: campaignTagService(db),
    campaignImport,
    campaignExport: campaignExportService(db, campaignImport),
    sampleCampaigns: sampleCampaignService(campaignImport),
  };
}
