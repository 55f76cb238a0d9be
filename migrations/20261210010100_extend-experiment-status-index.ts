import type { Knex } from 'knex';

// Issue 15: the shifter view counts an experiment's Held (and recent Failed) submissions not
// acknowledged since their last status change. The count walked submissions_experiment_status_idx
// and fetched every matching row from the table for its id (2,083 buffers for 1,667 Held at a
// million submissions); with the id in the index it is read from the index alone (~20 pages).
// Same name and key, so every other query's plan is unchanged.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index submissions_experiment_status_next on submissions (experiment, status, status_at)
     include (submission_id)`,
  );
  await knex.raw('drop index submissions_experiment_status_idx');
  await knex.raw(
    'alter index submissions_experiment_status_next rename to submissions_experiment_status_idx',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    'create index submissions_experiment_status_prev on submissions (experiment, status, status_at)',
  );
  await knex.raw('drop index submissions_experiment_status_idx');
  await knex.raw(
    'alter index submissions_experiment_status_prev rename to submissions_experiment_status_idx',
  );
}
