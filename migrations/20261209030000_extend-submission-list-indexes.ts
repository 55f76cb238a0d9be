import type { Knex } from 'knex';

// The submissions lists of a stage or a campaign (issue 15): their count of top-level submissions
// read every row of the scope from the table (20,000 scattered heap pages for a busy stage), and a
// keyset page ordered by (created_at, submission_id) could not start at its cursor in the index.
// The scope's created_at index now also orders by submission_id and carries what the count and the
// "is its cause listed too" test read, so both are index-only scans; the names stay (the plain
// indexes are replaced, not doubled).
const LISTS = [
  ['submissions_stage_created_idx', 'stage_id'],
  ['submissions_campaign_created_idx', 'campaign_id'],
] as const;

export async function up(knex: Knex): Promise<void> {
  for (const [name, scope] of LISTS) {
    await knex.raw(
      `create index ${name}_new on submissions (${scope}, created_at, submission_id)
         include (parent_submission_id, depends_on_submission_id, experiment)`,
    );
    await knex.raw(`drop index ${name}`);
    await knex.raw(`alter index ${name}_new rename to ${name}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [name, scope] of LISTS) {
    await knex.raw(`create index ${name}_old on submissions (${scope}, created_at)`);
    await knex.raw(`drop index ${name}`);
    await knex.raw(`alter index ${name}_old rename to ${name}`);
  }
}
