import type { Knex } from 'knex';

// The Lens poller follows an experiment's unfinished submissions that have a jobsub id. The
// general unfinished index also holds New launches without a jobsub id and Completed ones (at a
// LARGE bench most of them), so the poll read every one's row to drop it; this index holds exactly
// the followed rows, so a poll reads those and nothing else.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index submissions_lens_followed_idx on submissions (experiment, submission_id)
     where status in ('New', 'Idle', 'Running', 'Held', 'LaunchFailed') and jobsub_job_id is not null`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_lens_followed_idx');
}
