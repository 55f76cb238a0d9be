import type { Knex } from 'knex';

// Campaigns as data: login setups, job types with their recovery ladders, campaigns, stages,
// dependencies, tags and watches. Stage fields left NULL inherit the campaign defaults.
function ownership(knex: Knex, t: Knex.CreateTableBuilder): void {
  t.integer('creator').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
  t.text('creator_role').notNullable().defaultTo('production');
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.integer('updater').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
}

function experimentColumn(t: Knex.CreateTableBuilder): void {
  t.text('experiment').notNullable().references('experiment').inTable('experiments').onDelete('CASCADE');
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_setups', (t) => {
    t.increments('login_setup_id').primary();
    experimentColumn(t);
    t.text('name').notNullable();
    t.text('launch_host').notNullable();
    t.text('launch_account').notNullable();
    t.text('launch_setup').notNullable().defaultTo('');
    t.boolean('active').notNullable().defaultTo(true);
    ownership(knex, t);
    t.unique(['experiment', 'name'], { indexName: 'login_setups_experiment_name_uq' });
  });

  await knex.schema.createTable('job_types', (t) => {
    t.increments('job_type_id').primary();
    experimentColumn(t);
    t.text('name').notNullable();
    t.text('launch_script').notNullable();
    t.jsonb('parameters').notNullable().defaultTo('[]'); // ordered [option, value] pairs
    t.text('output_file_patterns').notNullable().defaultTo('%');
    t.integer('input_files_per_job');
    t.integer('output_files_per_job');
    t.boolean('active').notNullable().defaultTo(true);
    ownership(knex, t);
    t.unique(['experiment', 'name'], { indexName: 'job_types_experiment_name_uq' });
  });

  await knex.schema.createTable('recovery_types', (t) => {
    t.increments('recovery_type_id').primary();
    t.text('name').notNullable().unique();
    t.text('description').notNullable();
  });
  await knex('recovery_types').insert([
    { name: 'consumed_status', description: 'input files the original project did not mark consumed' },
    {
      name: 'process_status',
      description: 'like consumed_status, plus files of processes that reported failure',
    },
    { name: 'added_files', description: 'files added to the input definition since the original ran' },
    { name: 'delivered_not_consumed', description: 'files delivered to a job but never consumed' },
    { name: 'pending_files', description: 'input files still lacking output files of this version' },
  ]);

  await knex.schema.createTable('job_type_recoveries', (t) => {
    t.integer('job_type_id').notNullable().references('job_type_id').inTable('job_types').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.integer('recovery_type_id').notNullable().references('recovery_type_id').inTable('recovery_types');
    t.jsonb('param_overrides').notNullable().defaultTo('[]');
    t.primary(['job_type_id', 'position']);
  });

  await knex.schema.createTable('campaigns', (t) => {
    t.increments('campaign_id').primary();
    experimentColumn(t);
    t.text('name').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.text('campaign_type'); // null or 'test' (every launch is a test launch)
    t.jsonb('defaults').notNullable().defaultTo('{}'); // [campaign_defaults] stage fields
    t.jsonb('keywords').notNullable().defaultTo('{}'); // %(kw)s substitutions
    t.jsonb('node_positions').notNullable().defaultTo('[]'); // editor layout [{id, x, y}]
    t.jsonb('stage_list_hint').notNullable().defaultTo('[]');
    ownership(knex, t);
    t.unique(['experiment', 'name'], { indexName: 'campaigns_experiment_name_uq' });
    t.index(['experiment', 'active', 'name'], 'campaigns_experiment_active_idx');
    t.index(['experiment', 'creator'], 'campaigns_experiment_creator_idx');
  });

  await knex.schema.createTable('stages', (t) => {
    t.increments('stage_id').primary();
    // NULL = detached: removed from its campaign by an import or the editor, kept for its submissions.
    t.integer('campaign_id').references('campaign_id').inTable('campaigns').onDelete('SET NULL');
    experimentColumn(t);
    t.text('name').notNullable();
    t.integer('job_type_id').references('job_type_id').inTable('job_types');
    t.integer('login_setup_id').references('login_setup_id').inTable('login_setups');
    t.text('vo_role');
    t.text('software_version');
    t.text('dataset');
    t.text('split_type');
    t.bigInteger('split_cursor');
    t.text('test_split_type');
    t.bigInteger('test_split_cursor');
    t.jsonb('param_overrides');
    t.jsonb('test_param_overrides');
    t.boolean('merge_overrides');
    t.text('completion_type');
    t.double('completion_pct');
    t.text('stage_type');
    t.integer('output_ancestor_depth');
    t.boolean('default_clear_cronjob');
    t.integer('hold_experimenter_id').references('experimenter_id').inTable('experimenters');
    t.text('hold_role');
    t.timestamp('held_at', { useTz: true });
    t.text('cron_schedule');
    t.integer('schedule_experimenter_id').references('experimenter_id').inTable('experimenters');
    ownership(knex, t);
    t.index(['campaign_id', 'name'], 'stages_campaign_name_idx');
    t.index(['experiment', 'name'], 'stages_experiment_idx');
    t.index(['job_type_id'], 'stages_job_type_idx');
    t.index(['login_setup_id'], 'stages_login_setup_idx');
  });
  await knex.raw(
    'create unique index stages_campaign_name_uq on stages (campaign_id, name) where campaign_id is not null',
  );
  await knex.raw('create index stages_scheduled_idx on stages (stage_id) where cron_schedule is not null');

  await knex.schema.createTable('dependencies', (t) => {
    t.increments('dependency_id').primary();
    t.integer('upstream_stage_id').notNullable().references('stage_id').inTable('stages').onDelete('CASCADE');
    t.integer('downstream_stage_id')
      .notNullable()
      .references('stage_id')
      .inTable('stages')
      .onDelete('CASCADE');
    t.text('file_pattern').notNullable().defaultTo('%');
    t.integer('ordinal').notNullable().defaultTo(1);
    t.index(['upstream_stage_id'], 'dependencies_upstream_idx');
    t.unique(['downstream_stage_id', 'ordinal'], { indexName: 'dependencies_downstream_ordinal_uq' });
  });

  await knex.schema.createTable('tags', (t) => {
    t.increments('tag_id').primary();
    experimentColumn(t);
    t.text('name').notNullable();
    t.integer('creator').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
    t.text('creator_role').notNullable().defaultTo('production');
    t.unique(['experiment', 'name'], { indexName: 'tags_experiment_name_uq' });
  });
  await knex.schema.createTable('campaign_tags', (t) => {
    t.integer('campaign_id').notNullable().references('campaign_id').inTable('campaigns').onDelete('CASCADE');
    t.integer('tag_id').notNullable().references('tag_id').inTable('tags').onDelete('CASCADE');
    t.primary(['campaign_id', 'tag_id']);
    t.index(['tag_id'], 'campaign_tags_tag_idx');
  });

  await knex.schema.createTable('watches', (t) => {
    t.integer('experimenter_id')
      .notNullable()
      .references('experimenter_id')
      .inTable('experimenters')
      .onDelete('CASCADE');
    t.integer('campaign_id').notNullable().references('campaign_id').inTable('campaigns').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['experimenter_id', 'campaign_id']);
    t.index(['campaign_id'], 'watches_campaign_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'watches',
    'campaign_tags',
    'tags',
    'dependencies',
    'stages',
    'campaigns',
    'job_type_recoveries',
    'recovery_types',
    'job_types',
    'login_setups',
  ]) {
    await knex.schema.dropTable(table);
  }
}
