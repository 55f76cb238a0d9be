import type { Knex } from 'knex';

// The stage page's latest launches (newest ids of one stage): without this index PostgreSQL walks
// the primary key backwards past every newer submission of other stages, which for a stage whose
// launches are old costs the whole history after them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index submissions_stage_recent_idx on submissions (stage_id, submission_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_stage_recent_idx');
}
