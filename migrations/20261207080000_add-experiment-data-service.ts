import type { Knex } from 'knex';

// Where each experiment's files live (issue 19): `sam` (every experiment until now) or `metacat`
// (MetaCat + Data Dispatcher + Rucio). Everything above the adapters picks its client by this.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('experiments', (t) => {
    t.text('data_service').notNullable().defaultTo('sam');
  });
  await knex.raw(
    `alter table experiments add constraint experiments_data_service_check check (data_service in ('sam', 'metacat'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table experiments drop constraint experiments_data_service_check');
  await knex.schema.alterTable('experiments', (t) => t.dropColumn('data_service'));
}
