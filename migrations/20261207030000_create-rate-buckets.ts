import type { Knex } from 'knex';

// Token buckets shared by every app process (issue 16): one row per limited key (an API token),
// refilled on the database's clock and taken with one atomic upsert, so several processes together
// allow the configured rate, not the rate times the number of processes.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_buckets', (t) => {
    t.text('bucket').primary({ constraintName: 'rate_buckets_pkey' });
    /** Tokens left after the last take (fractional: refilled at rate × seconds elapsed). */
    t.double('level').notNullable();
    /** Whether the last take was allowed. */
    t.boolean('allowed').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.index(['at'], 'rate_buckets_at_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rate_buckets');
}
