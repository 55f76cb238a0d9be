import type { Knex } from 'knex';

// Tenants, users, membership roles, web sessions and the audit trail.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('experiments', (t) => {
    t.text('experiment').primary();
    t.text('name').notNullable().unique();
    t.text('logbook_url');
    t.text('snow_url');
    t.boolean('restricted').notNullable().defaultTo(false);
    t.boolean('active').notNullable().defaultTo(true);
    // Experiment-wide launch hold (superuser): while set, every launch is queued as a held launch.
    t.integer('launches_held_by');
    t.timestamp('launches_held_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `alter table experiments add constraint experiments_lower_case check (experiment = lower(experiment) and experiment ~ '^[a-z0-9][a-z0-9_-]{0,31}$')`,
  );

  await knex.schema.createTable('experimenters', (t) => {
    t.increments('experimenter_id').primary();
    t.text('username').notNullable().unique();
    t.text('first_name');
    t.text('last_name').notNullable().defaultTo('');
    t.text('email');
    t.boolean('root').notNullable().defaultTo(false);
    t.timestamp('last_login', { useTz: true });
    t.text('session_experiment').references('experiment').inTable('experiments').onDelete('SET NULL');
    t.text('session_role');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('experiments', (t) => {
    t.foreign('launches_held_by', 'experiments_launches_held_by_fk')
      .references('experimenter_id')
      .inTable('experimenters');
  });

  await knex.schema.createTable('memberships', (t) => {
    t.integer('experimenter_id')
      .notNullable()
      .references('experimenter_id')
      .inTable('experimenters')
      .onDelete('CASCADE');
    t.text('experiment').notNullable().references('experiment').inTable('experiments').onDelete('CASCADE');
    t.text('role').notNullable().defaultTo('analysis');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['experimenter_id', 'experiment']);
    t.index(['experiment', 'active'], 'memberships_experiment_idx');
  });
  await knex.raw(
    `alter table memberships add constraint memberships_role_check check (role in ('analysis','production-shifter','production','superuser'))`,
  );

  await knex.schema.createTable('sessions', (t) => {
    t.text('sid').primary();
    t.jsonb('data').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.index(['expires_at'], 'sessions_expires_idx');
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('audit_id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('experimenter_id').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
    t.text('actor').notNullable(); // username, or the loop name for automatic actions
    t.text('experiment');
    t.text('action').notNullable();
    t.text('object_kind').notNullable();
    t.text('object_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['experiment', 'at'], 'audit_log_experiment_at_idx');
    t.index(['object_kind', 'object_id', 'at'], 'audit_log_object_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('memberships');
  await knex.schema.alterTable('experiments', (t) =>
    t.dropForeign('launches_held_by', 'experiments_launches_held_by_fk'),
  );
  await knex.schema.dropTable('experimenters');
  await knex.schema.dropTable('experiments');
}
