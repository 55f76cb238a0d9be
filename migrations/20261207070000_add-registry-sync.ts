import type { Knex } from 'knex';

// Users and memberships from the lab's registry (FERRY), issue 20. A membership records where it
// came from: `registry` (the sync added it or set its role) or `local` (someone in POMS did). Each
// sync run is recorded with every change it made; changes made at a first sign-in have no run.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('memberships', (t) => {
    t.text('source').notNullable().defaultTo('local');
    t.timestamp('updated_at', { useTz: true });
  });
  await knex.raw(
    `alter table memberships add constraint memberships_source_check check (source in ('local','registry'))`,
  );
  await knex.schema.createTable('registry_syncs', (t) => {
    t.bigIncrements('sync_id').primary();
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    /** loop, or the username who asked for it. */
    t.text('trigger').notNullable();
    t.boolean('ok');
    t.text('summary');
    /** Experiments the registry could not be read for, or skipped: experiment → reason. */
    t.jsonb('problems').notNullable().defaultTo('{}');
    t.index(['started_at'], 'registry_syncs_started_idx');
  });
  await knex.schema.createTable('registry_changes', (t) => {
    t.bigIncrements('change_id').primary();
    t.bigInteger('sync_id').references('sync_id').inTable('registry_syncs').onDelete('CASCADE');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('username').notNullable();
    t.text('experiment');
    /** user-created, membership-added, membership-reactivated, role-changed, membership-removed */
    t.text('action').notNullable();
    t.text('old_role');
    t.text('new_role');
    /** sync, or sign-in (created at a first sign-in). */
    t.text('via').notNullable().defaultTo('sync');
    t.index(['sync_id', 'change_id'], 'registry_changes_sync_idx');
    t.index(['username', 'at'], 'registry_changes_user_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('registry_changes');
  await knex.schema.dropTable('registry_syncs');
  await knex.raw('alter table memberships drop constraint memberships_source_check');
  await knex.schema.alterTable('memberships', (t) => {
    t.dropColumn('source');
    t.dropColumn('updated_at');
  });
}
