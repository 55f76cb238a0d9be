import type { Knex } from 'knex';

// Where a submission's job states last came from: 'lens' normally, 'jobsub_q' while the poller
// falls back to the launch host's jobsub_q because Lens has been failing (issue 14, item 6); null
// until the first report. Shown beside the status so a shifter knows the numbers are the fallback's.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.text('tracked_via');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => t.dropColumn('tracked_via'));
}
