import type { Knex } from 'knex';
import type { Sam } from '../../adapters/sam/sam.js';
import type { DataHandlingFor } from '../data/data-handling.js';
import type { StageService } from '../campaigns/stage-service.js';
import type { LaunchService } from '../launch/launch-service.js';
import { fileDetailsService } from './file-details-service.js';
import { fileListService } from './file-list-service.js';
import { fileReportService } from './file-report-service.js';
import { stagePageService } from './stage-page-service.js';
import { submissionListService } from './submission-list-service.js';
import { submissionPageService } from './submission-page-service.js';

/** The pages people live in (issue 8 items 1-4): spread into createServices. */
export function reportServices(deps: {
  db: Knex;
  sam?: Sam;
  data: DataHandlingFor;
  stages: StageService;
  launches: LaunchService;
}) {
  const fileReports = fileReportService({ db: deps.db, sam: deps.sam, data: deps.data });
  return {
    fileReports,
    fileLists: fileListService({ db: deps.db, data: deps.data }),
    fileDetails: fileDetailsService({ db: deps.db, data: deps.data }),
    submissionLists: submissionListService({ db: deps.db, fileReports }),
    submissionPages: submissionPageService({ db: deps.db, fileReports }),
    stagePages: stagePageService(deps),
  };
}
