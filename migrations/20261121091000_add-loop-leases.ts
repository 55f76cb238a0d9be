import type { Knex } from 'knex';

// A lease per loop so that, with several app processes on one database, one runs it at a time.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('loop_state', (t) => {
    t.text('leased_by');
    t.timestamp('leased_until', { useTz: true });
    t.timestamp('last_run_at', { useTz: true });
    t.boolean('last_ok');
    t.text('last_result');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('loop_state', (t) => {
    t.dropColumns('leased_by', 'leased_until', 'last_run_at', 'last_ok', 'last_result');
  });
}
