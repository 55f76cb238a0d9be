import type { Knex } from 'knex';

// One row per running app process (issue 16): written every `[loops] heartbeat_s` on the
// database's clock with what the process saw of SAM, Lens and the launch hosts and the loops it is
// running, so root's status page shows every process, not only the one that answers the request.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('process_heartbeats', (t) => {
    /** The loop registry's runner id: host:pid:random. */
    t.text('runner').primary({ constraintName: 'process_heartbeats_pkey' });
    t.text('host').notNullable();
    t.integer('pid').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('seen_at', { useTz: true }).notNullable();
    /** ExternalCalls.states() of the process. */
    t.jsonb('services').notNullable().defaultTo('[]');
    /** Names of the loops running on the process at its last beat. */
    t.specificType('loops_running', 'text[]').notNullable().defaultTo('{}');
    t.index(['seen_at'], 'process_heartbeats_seen_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('process_heartbeats');
}
