import type { Knex } from 'knex';

// Stalls (shifter view, overview, notifications) look at each stage with unfinished submissions:
// its oldest unfinished submission and its latest Located one. Without these partial indexes
// PostgreSQL walks the stage's whole history (submissions_stage_idx) to find either, so the
// shifter view and the overview grew with finished history; with them each is one index probe.
const UNFINISHED = `('New', 'Idle', 'Running', 'Held', 'Completed')`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index submissions_stage_unfinished_idx on submissions (stage_id, created_at, submission_id) where status in ${UNFINISHED}`,
  );
  await knex.raw(
    `create index submissions_stage_located_idx on submissions (stage_id, status_at) where status = 'Located'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_stage_located_idx');
  await knex.raw('drop index submissions_stage_unfinished_idx');
}
