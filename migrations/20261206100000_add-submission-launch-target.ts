import type { Knex } from 'knex';

// Who a launch ran as and which process ran it: `launch_account` is the account the script logged
// in as (an analysis launch runs under the launching person's account, not the login setup's);
// `remote_pid_start` is the start time the launch host reported for `remote_pid` (`ps -o lstart`),
// so a vanished launcher is recognised and Abort never kills a reused process id.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.text('launch_account');
    t.text('remote_pid_start');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => t.dropColumns('launch_account', 'remote_pid_start'));
}
