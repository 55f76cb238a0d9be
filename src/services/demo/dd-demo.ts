import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { peopleStore } from '../../db/stores/people-store.js';
import { parseCampaignIni } from '../../domain/ini/index.js';
import { PACKAGE_ROOT } from '../../lib/package-root.js';
import { campaignImportService } from '../campaigns/campaign-import-service.js';
import { identityService } from '../identity-service.js';
import { DEMO_USERS } from './demo-people.js';

// The Rucio-era demo (issue 19): experiment `dune` whose data service is MetaCat (+ Data
// Dispatcher + Rucio), the demo users members with their samdev roles, and campaign `dd_demo`
// (src/services/demo/dd_demo.ini: reco on the simulator's MetaCat dataset dune:dd_demo_raw, then
// ana on reco's outputs). Kept apart from the samdev seed, so tests that seed only samdev see one
// experiment; `npm start` seeds both.

export const DD_DEMO_EXPERIMENT = 'dune';
export const DD_DEMO_CAMPAIGN = 'dd_demo';
const INI = path.join(PACKAGE_ROOT, 'src', 'services', 'demo', 'dd_demo.ini');
const OWNER = 'producer';

/** Creates experiment dune and its members unless it exists; returns whether it created them. */
export async function seedDdDemoExperiment(db: Knex): Promise<boolean> {
  return db.transaction(async (trx) => {
    const people = peopleStore(trx);
    if (await people.experiment(DD_DEMO_EXPERIMENT)) return false;
    await people.insertExperiment({
      experiment: DD_DEMO_EXPERIMENT,
      name: 'DUNE (MetaCat demo)',
      data_service: 'metacat',
    });
    for (const u of DEMO_USERS) {
      const row = await people.experimenterByName(u.username);
      if (row) await people.upsertMembership(row.experimenter_id, DD_DEMO_EXPERIMENT, u.role);
    }
    return true;
  });
}

/** The experiment (see above) and campaign dd_demo, when dune has no campaign yet; returns the campaigns created. */
export async function seedDdDemo(db: Knex): Promise<string[]> {
  await seedDdDemoExperiment(db);
  const owner = await identityService(db).loadUser(OWNER, {
    experiment: DD_DEMO_EXPERIMENT,
    role: 'production',
  });
  if (!owner || owner.memberships[DD_DEMO_EXPERIMENT] === undefined) return [];
  if (await db('campaigns').where({ experiment: DD_DEMO_EXPERIMENT }).first()) return [];
  const { doc, warnings } = parseCampaignIni(fs.readFileSync(INI, 'utf8'));
  await campaignImportService(db).importDocument(owner, DD_DEMO_EXPERIMENT, doc, {
    warnings,
    mustBeNew: true,
    via: 'demo dd_demo',
  });
  return [DD_DEMO_CAMPAIGN];
}
