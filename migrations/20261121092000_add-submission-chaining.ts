import type { Knex } from 'knex';

// When wrapup has launched (or decided not to launch) a Located submission's recovery or dependents.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.timestamp('chained_at', { useTz: true });
    t.text('chain_result');
  });
  await knex.raw(
    `create index submissions_to_chain_idx on submissions (status_at) where status = 'Located' and chained_at is null`,
  );
  await knex.raw(
    `create index submissions_completed_idx on submissions (status_at) where status = 'Completed'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_completed_idx');
  await knex.raw('drop index submissions_to_chain_idx');
  await knex.schema.alterTable('submissions', (t) => t.dropColumns('chained_at', 'chain_result'));
}
