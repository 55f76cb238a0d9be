import type { Knex } from 'knex';
import * as m0 from '../../migrations/20261121090000_create-people.js';
import * as m1 from '../../migrations/20261121090100_create-campaign-config.js';
import * as m2 from '../../migrations/20261121090200_create-submissions.js';
import * as m3 from '../../migrations/20261121090300_create-operations.js';
import * as m4 from '../../migrations/20261121091000_add-loop-leases.js';
import * as m5 from '../../migrations/20261121092000_add-submission-chaining.js';
import * as m6 from '../../migrations/20261121100000_add-campaign-list-indexes.js';
import * as m7 from '../../migrations/20261121110000_create-acknowledgements.js';
import * as m8 from '../../migrations/20261122090000_add-submission-file-counts.js';
import * as launchTarget from '../../migrations/20261206100000_add-submission-launch-target.js';
import * as mTrackedVia from '../../migrations/20261206130000_add-submission-tracked-via.js';
import * as m9 from '../../migrations/20261206160000_add-submission-rollups.js';
import * as m10 from '../../migrations/20261206160100_add-stage-status-counts.js';
import * as m11 from '../../migrations/20261206160200_add-submissions-stage-recent-index.js';
import * as m12 from '../../migrations/20261206180000_add-submission-launch-heartbeat.js';
import * as jobLogCache from '../../migrations/20261207020000_create-job-log-cache.js';
import * as rateBuckets from '../../migrations/20261207030000_create-rate-buckets.js';
import * as heartbeats from '../../migrations/20261207030100_create-process-heartbeats.js';
import * as mNotify from '../../migrations/20261207050000_create-notifications.js';
import * as failureEvents from '../../migrations/20261207060000_create-failure-events.js';
import * as housekeeping from '../../migrations/20261207060100_add-housekeeping.js';
import * as mRegistry from '../../migrations/20261207070000_add-registry-sync.js';
import * as mDataService from '../../migrations/20261207080000_add-experiment-data-service.js';
import * as familyDone from '../../migrations/20261208010000_redefine-family-done.js';
import * as mStageAttention from '../../migrations/20261208040000_add-stage-attention-indexes.js';
import * as mDdProject from '../../migrations/20261208070000_add-submission-dd-project.js';
import * as mCountRule from '../../migrations/20261209010000_add-submission-count-rule.js';
import * as mCampaignRollups from '../../migrations/20261209020000_add-campaign-rollups.js';
import * as mCampaignUnfinished from '../../migrations/20261209020100_add-submissions-campaign-unfinished-index.js';
import * as mListIndexes from '../../migrations/20261209030000_extend-submission-list-indexes.js';
import * as mLensFollowed from '../../migrations/20261209040000_add-lens-followed-index.js';
import * as mFillfactor from '../../migrations/20261209040100_set-submissions-fillfactor.js';
import * as mStageStall from '../../migrations/20261209070000_add-stage-stall-rollups.js';
import * as mStallCandidates from '../../migrations/20261210010000_add-stall-candidate-indexes.js';
import * as mStatusIndexId from '../../migrations/20261210010100_extend-experiment-status-index.js';
import * as mStageListVersions from '../../migrations/20261210030000_add-stage-list-versions.js';
import * as mStageRoots from '../../migrations/20261210050000_add-stage-root-counts.js';
import * as mStallTrigger from '../../migrations/20261210060000_lighten-stage-stall-trigger.js';
import * as mSubmissionCauses from '../../migrations/20261211010000_keep-submission-causes.js';

// Listed in code (not read from a folder) so they run the same under tsx, vitest and compiled output.
// Append only: a merged migration is never edited.
const migrations: Record<string, Knex.Migration> = {
  '20261121090000_create-people': m0,
  '20261121090100_create-campaign-config': m1,
  '20261121090200_create-submissions': m2,
  '20261121090300_create-operations': m3,
  '20261121091000_add-loop-leases': m4,
  '20261121092000_add-submission-chaining': m5,
  '20261121100000_add-campaign-list-indexes': m6,
  '20261121110000_create-acknowledgements': m7,
  '20261122090000_add-submission-file-counts': m8,
  '20261206100000_add-submission-launch-target': launchTarget,
  '20261206130000_add-submission-tracked-via': mTrackedVia,
  '20261206160000_add-submission-rollups': m9,
  '20261206160100_add-stage-status-counts': m10,
  '20261206160200_add-submissions-stage-recent-index': m11,
  '20261206180000_add-submission-launch-heartbeat': m12,
  '20261207020000_create-job-log-cache': jobLogCache,
  '20261207030000_create-rate-buckets': rateBuckets,
  '20261207030100_create-process-heartbeats': heartbeats,
  '20261207050000_create-notifications': mNotify,
  '20261207060000_create-failure-events': failureEvents,
  '20261207060100_add-housekeeping': housekeeping,
  '20261207070000_add-registry-sync': mRegistry,
  '20261207080000_add-experiment-data-service': mDataService,
  '20261208010000_redefine-family-done': familyDone,
  '20261208040000_add-stage-attention-indexes': mStageAttention,
  '20261208070000_add-submission-dd-project': mDdProject,
  '20261209010000_add-submission-count-rule': mCountRule,
  '20261209020000_add-campaign-rollups': mCampaignRollups,
  '20261209020100_add-submissions-campaign-unfinished-index': mCampaignUnfinished,
  '20261209030000_extend-submission-list-indexes': mListIndexes,
  '20261209040000_add-lens-followed-index': mLensFollowed,
  '20261209040100_set-submissions-fillfactor': mFillfactor,
  '20261209070000_add-stage-stall-rollups': mStageStall,
  '20261210010000_add-stall-candidate-indexes': mStallCandidates,
  '20261210010100_extend-experiment-status-index': mStatusIndexId,
  '20261210030000_add-stage-list-versions': mStageListVersions,
  '20261210050000_add-stage-root-counts': mStageRoots,
  '20261210060000_lighten-stage-stall-trigger': mStallTrigger,
  '20261211010000_keep-submission-causes': mSubmissionCauses,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = await db.migrate.latest({ migrationSource });
  return applied as string[];
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}
