import type { Knex } from 'knex';

// The Data Dispatcher project a MetaCat experiment's submission runs on (issue 19): created at its
// launch, handed to its jobs (POMS_DATA_DISPATCHER_PROJECT_ID), read back for Located, recovery and
// the file numbers. Null for SAM experiments (their project is `project`, the SAM project name).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.bigInteger('dd_project_id').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => t.dropColumn('dd_project_id'));
}
