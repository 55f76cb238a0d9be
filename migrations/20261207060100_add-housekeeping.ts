import type { Knex } from 'knex';

// Housekeeping (issue 18 item 5): a per-experiment switch for automatic recoveries (the original's
// site-wide POMS.launch_recovery_jobs), and the "files in flight" SAM definitions POMS keeps for
// active stages (the original's poms_campaign_stage_active_<id>), remembered so stale ones are
// deleted without listing SAM's definitions.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('experiments', (t) => {
    t.boolean('auto_recovery').notNullable().defaultTo(true);
  });
  await knex.schema.createTable('stage_active_definitions', (t) => {
    t.integer('stage_id').primary();
    t.text('experiment').notNullable();
    t.text('defname').notNullable();
    t.text('dims').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('stage_active_definitions');
  await knex.schema.alterTable('experiments', (t) => t.dropColumn('auto_recovery'));
}
