import type { Knex } from 'knex';
import { identityService } from '../identity-service.js';
import { campaignImportService } from '../campaigns/campaign-import-service.js';
import { sampleCampaignService, sampleCatalogue } from '../campaigns/sample-campaign-service.js';
import { DEMO_EXPERIMENT } from './demo-people.js';

/** The demo campaigns belong to the demo production user, so production users can edit them. */
const OWNER = 'producer';

/**
 * Gives the demo experiment every sample campaign under its own name (the `demo` campaign of the
 * simulator scenario among them) on first start: only when the experiment has no campaign yet.
 * Returns the names created.
 */
export async function seedDemoCampaigns(db: Knex): Promise<string[]> {
  const owner = await identityService(db).loadUser(OWNER, {
    experiment: DEMO_EXPERIMENT,
    role: 'production',
  });
  if (!owner || owner.memberships[DEMO_EXPERIMENT] === undefined) return [];
  if (await db('campaigns').where({ experiment: DEMO_EXPERIMENT }).first()) return [];
  const samples = sampleCampaignService(campaignImportService(db));
  const created: string[] = [];
  for (const s of sampleCatalogue()) {
    await samples.instantiate(owner, DEMO_EXPERIMENT, s.id, s.campaign);
    created.push(s.campaign);
  }
  return created;
}
