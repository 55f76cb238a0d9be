import type { Knex } from 'knex';

// Issue 15: the shifter view counts and pages an experiment's stalled campaigns in SQL. The stall
// test reads, per stage with unfinished submissions, its rollup row's oldest unfinished and latest
// Located times and the stage's own threshold. The rollup rows with unfinished submissions are a
// third of them: this index holds exactly those with what the test reads, so the table (one row per
// stage ever) is not scanned. A stage's own threshold is rare: the stages that set one are indexed
// alone, so the test joins those few instead of hashing every stage of the site.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index submission_rollups_unfinished_idx on submission_rollups (campaign_id, stage_id)
     include (oldest_unfinished, last_located) where unfinished > 0`,
  );
  await knex.raw(
    'create index stages_stall_hours_idx on stages (stage_id) include (stall_hours) where stall_hours is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index stages_stall_hours_idx');
  await knex.raw('drop index submission_rollups_unfinished_idx');
}
