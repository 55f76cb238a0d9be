import type { Knex } from 'knex';

// The job-log cache (issue 14): jobsub_fetchlog bundles kept in PostgreSQL so that every POMS
// process shares them, evicted least recently used first beyond [jobsub] log_cache_mb.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_log_bundles', (t) => {
    t.integer('submission_id')
      .primary()
      .references('submission_id')
      .inTable('submissions')
      .onDelete('CASCADE');
    t.timestamp('fetched_at', { useTz: true }).notNullable();
    // The submission had finished when fetched: its logs no longer change.
    t.boolean('final').notNullable();
    t.bigInteger('bytes').notNullable();
    t.timestamp('used_at', { useTz: true }).notNullable();
    t.index(['used_at'], 'job_log_bundles_used_idx');
  });
  await knex.schema.createTable('job_log_files', (t) => {
    t.integer('submission_id')
      .notNullable()
      .references('submission_id')
      .inTable('job_log_bundles')
      .onDelete('CASCADE');
    t.integer('position').notNullable();
    t.text('name').notNullable();
    t.binary('content').notNullable();
    t.primary(['submission_id', 'position'], { constraintName: 'job_log_files_pk' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_log_files');
  await knex.schema.dropTable('job_log_bundles');
}
