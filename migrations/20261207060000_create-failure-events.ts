import type { Knex } from 'knex';

// Failures grouped by cause (issue 18 item 3). One row per failed or held job, and per failed file
// group of a submission, written by the failure-causes loop as it collects them (never on a page
// request); the pages group them by cause. failure_collections says which submissions are done.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('failure_events', (t) => {
    t.bigIncrements('event_id').primary();
    t.text('experiment').notNullable();
    t.integer('campaign_id');
    t.integer('stage_id').notNullable();
    t.integer('submission_id')
      .notNullable()
      .references('submission_id')
      .inTable('submissions')
      .onDelete('CASCADE');
    // exit: a job ended non-zero; held: a job was held; file: SAM counts files failed.
    t.text('source').notNullable();
    t.text('cause').notNullable();
    // One raw example (an error line or hold reason before masking).
    t.text('detail');
    // The job (`C.P@schedd`) for exit and held; for file, the normalised cause (one row per cause).
    t.text('subject').notNullable();
    t.integer('files').notNullable().defaultTo(0);
    // Name of an example file in the submission's job-log bundle.
    t.text('log_file');
    t.timestamp('seen_at', { useTz: true }).notNullable();
    t.unique(['submission_id', 'source', 'subject'], { indexName: 'failure_events_subject_uq' });
    t.index(['experiment', 'seen_at'], 'failure_events_experiment_idx');
    t.index(['campaign_id', 'cause'], 'failure_events_campaign_idx');
    t.index(['stage_id', 'cause'], 'failure_events_stage_idx');
  });
  await knex.schema.createTable('failure_collections', (t) => {
    t.integer('submission_id')
      .primary()
      .references('submission_id')
      .inTable('submissions')
      .onDelete('CASCADE');
    t.timestamp('collected_at', { useTz: true }).notNullable();
    // Last time the held jobs of a running submission were looked at in Lens.
    t.timestamp('held_checked_at', { useTz: true });
    t.boolean('final').notNullable().defaultTo(false);
    t.text('error');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('failure_collections');
  await knex.schema.dropTable('failure_events');
}
