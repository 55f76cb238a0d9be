import type { Knex } from 'knex';

// Background loop bookkeeping, exactly-once cron ticks, and personal API tokens.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('loop_runs', (t) => {
    t.bigIncrements('loop_run_id').primary();
    t.text('loop').notNullable();
    t.text('runner').notNullable(); // host:pid of the process that ran it
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.boolean('ok');
    t.text('result');
    t.index(['loop', 'started_at'], 'loop_runs_loop_idx');
  });

  await knex.schema.createTable('loop_state', (t) => {
    t.text('loop').primary();
    t.timestamp('last_success_at', { useTz: true });
    t.jsonb('state').notNullable().defaultTo('{}');
  });

  // One row per (stage, cron tick): the insert that wins launches; every other process skips it.
  await knex.schema.createTable('scheduled_ticks', (t) => {
    t.integer('stage_id').notNullable().references('stage_id').inTable('stages').onDelete('CASCADE');
    t.timestamp('tick_at', { useTz: true }).notNullable();
    t.text('runner').notNullable();
    t.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('outcome');
    t.primary(['stage_id', 'tick_at']);
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.increments('token_id').primary();
    t.integer('experimenter_id')
      .notNullable()
      .references('experimenter_id')
      .inTable('experimenters')
      .onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('token_hash').notNullable().unique({ indexName: 'api_tokens_hash_uq' }); // sha256 hex
    t.text('token_prefix').notNullable(); // first characters, to recognise a token in lists
    t.text('experiment').references('experiment').inTable('experiments').onDelete('CASCADE');
    t.text('max_role').notNullable().defaultTo('analysis');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('last_used_at', { useTz: true });
    t.index(['experimenter_id'], 'api_tokens_experimenter_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('api_tokens');
  await knex.schema.dropTable('scheduled_ticks');
  await knex.schema.dropTable('loop_state');
  await knex.schema.dropTable('loop_runs');
}
