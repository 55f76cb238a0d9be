import type { Knex } from 'knex';

// Submissions, their append-only status history, launch logs, frozen config snapshots and held launches.
function snapshotTable(knex: Knex, name: string, source: string, sourceTable: string) {
  return knex.schema.createTable(name, (t) => {
    t.increments('snapshot_id').primary();
    t.integer(source).notNullable().references(source).inTable(sourceTable).onDelete('CASCADE');
    t.text('content_hash').notNullable(); // sha256 of the canonical JSON of `content`
    t.jsonb('content').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique([source, 'content_hash'], { indexName: `${name}_dedup_uq` });
  });
}

export async function up(knex: Knex): Promise<void> {
  await snapshotTable(knex, 'stage_snapshots', 'stage_id', 'stages');
  await snapshotTable(knex, 'job_type_snapshots', 'job_type_id', 'job_types');
  await snapshotTable(knex, 'login_setup_snapshots', 'login_setup_id', 'login_setups');

  await knex.schema.createTable('submissions', (t) => {
    t.bigIncrements('submission_id').primary();
    t.integer('stage_id').notNullable().references('stage_id').inTable('stages');
    // Denormalised for list pages: the campaign and experiment at launch time.
    t.integer('campaign_id').references('campaign_id').inTable('campaigns').onDelete('SET NULL');
    t.text('experiment').notNullable().references('experiment').inTable('experiments');
    t.integer('creator').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Set at creation and when a final status is reached (end of the dependency time window).
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.boolean('test').notNullable().defaultTo(false);
    t.text('launch_kind').notNullable().defaultTo('manual'); // manual | scheduled | recovery | dependency | campaign | relaunch
    t.jsonb('params').notNullable().defaultTo('{}'); // bookkeeping: param overrides used, SAM definitions made
    t.text('dataset'); // what the launch used (after splitting)
    t.text('command_executed'); // the launch script command line (words, quoted)
    t.text('jobsub_job_id'); // first cluster, POMS form C@schedd
    t.jsonb('jobsub_cluster_ids').notNullable().defaultTo('[]'); // every cluster of the launch
    t.text('project'); // SAM project
    t.bigInteger('parent_submission_id').references('submission_id').inTable('submissions'); // recoveries
    t.integer('recovery_position'); // kept on the original submission
    t.text('recovery_type'); // on recovery submissions
    t.bigInteger('depends_on_submission_id').references('submission_id').inTable('submissions'); // dependency launches
    t.integer('stage_snapshot_id').references('snapshot_id').inTable('stage_snapshots');
    t.integer('job_type_snapshot_id').references('snapshot_id').inTable('job_type_snapshots');
    t.integer('login_setup_snapshot_id').references('snapshot_id').inTable('login_setup_snapshots');
    t.text('idempotency_key').unique({ indexName: 'submissions_idempotency_uq' });
    // Launch execution.
    t.timestamp('launch_started_at', { useTz: true });
    t.timestamp('launch_finished_at', { useTz: true });
    t.integer('launch_exit_code');
    t.integer('remote_pid');
    t.text('launch_error');
    // Job counts from Lens and file counts from SAM (numbers of files, never jobs, unless named so).
    t.integer('jobs_total');
    t.integer('jobs_idle');
    t.integer('jobs_running');
    t.integer('jobs_held');
    t.integer('jobs_completed');
    t.integer('jobs_failed');
    t.integer('jobs_cancelled');
    t.integer('jobs_max_seen');
    t.double('pct_complete');
    t.integer('files_submitted');
    t.integer('files_consumed');
    t.integer('files_located'); // input files with located children (the Located rule's count)
    t.text('located_reason');
    t.boolean('force_located').notNullable().defaultTo(false);
    // Current status, denormalised from submission_history in the same transaction.
    t.text('status').notNullable().defaultTo('New');
    t.timestamp('status_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
    t.index(['stage_id', 'created_at'], 'submissions_stage_created_idx');
    t.index(['campaign_id', 'created_at'], 'submissions_campaign_created_idx');
    t.index(['experiment', 'created_at'], 'submissions_experiment_created_idx');
    t.index(['experiment', 'status', 'status_at'], 'submissions_experiment_status_idx');
    t.index(['jobsub_job_id'], 'submissions_jobsub_idx');
    t.index(['parent_submission_id'], 'submissions_parent_idx');
    t.index(['depends_on_submission_id'], 'submissions_depends_idx');
  });
  await knex.raw(
    `create index submissions_unfinished_idx on submissions (status_at) where status not in ('Located','Failed','Cancelled','Removed')`,
  );

  await knex.schema.createTable('submission_history', (t) => {
    t.bigIncrements('history_id').primary();
    t.bigInteger('submission_id')
      .notNullable()
      .references('submission_id')
      .inTable('submissions')
      .onDelete('CASCADE');
    t.text('status').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor_kind').notNullable(); // person | poller | system
    t.integer('experimenter_id').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
    t.text('reason');
    t.index(['submission_id', 'history_id'], 'submission_history_submission_idx');
  });
  // History is append-only: rows can be added, never changed or removed one by one.
  await knex.raw(`
    create function submission_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'submission_history is append-only';
    end $$`);
  await knex.raw(`
    create trigger submission_history_no_update before update or delete on submission_history
    for each row execute function submission_history_append_only()`);

  await knex.schema.createTable('launch_log_chunks', (t) => {
    t.bigIncrements('chunk_id').primary();
    t.bigInteger('submission_id')
      .notNullable()
      .references('submission_id')
      .inTable('submissions')
      .onDelete('CASCADE');
    t.text('text').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['submission_id', 'chunk_id'], 'launch_log_chunks_submission_idx');
  });

  await knex.schema.createTable('held_launches', (t) => {
    t.bigIncrements('held_launch_id').primary();
    t.integer('stage_id').notNullable().references('stage_id').inTable('stages').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('launcher').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
    t.text('launch_kind').notNullable();
    t.boolean('test').notNullable().defaultTo(false);
    t.text('dataset_override');
    t.jsonb('param_overrides').notNullable().defaultTo('[]');
    t.bigInteger('parent_submission_id').references('submission_id').inTable('submissions');
    t.bigInteger('depends_on_submission_id').references('submission_id').inTable('submissions');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('idempotency_key').unique({ indexName: 'held_launches_idempotency_uq' });
    t.index(['stage_id', 'held_launch_id'], 'held_launches_stage_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('held_launches');
  await knex.schema.dropTable('launch_log_chunks');
  await knex.schema.dropTable('submission_history');
  await knex.raw('drop function submission_history_append_only()');
  await knex.schema.dropTable('submissions');
  await knex.schema.dropTable('login_setup_snapshots');
  await knex.schema.dropTable('job_type_snapshots');
  await knex.schema.dropTable('stage_snapshots');
}
