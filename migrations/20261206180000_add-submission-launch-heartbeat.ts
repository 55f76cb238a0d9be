import type { Knex } from 'knex';

// A running launch writes launch_heartbeat_at every few seconds (LaunchRunner). A launch that
// started, has not finished and whose heartbeat is old lost its launcher (POMS restarted or the
// process died): the poller marks it LaunchFailed instead of leaving it New for hours (issue 12).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.timestamp('launch_heartbeat_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => t.dropColumn('launch_heartbeat_at'));
}
