import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateLatest, migrationSource, rollbackAll } from '../../../src/db/migration-source.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const TABLES = [
  'experiments',
  'experimenters',
  'memberships',
  'process_heartbeats',
  'rate_buckets',
  'sessions',
  'audit_log',
  'login_setups',
  'job_types',
  'recovery_types',
  'registry_changes',
  'registry_syncs',
  'job_type_recoveries',
  'campaigns',
  'stages',
  'dependencies',
  'tags',
  'campaign_tags',
  'watches',
  'stage_snapshots',
  'job_type_snapshots',
  'login_setup_snapshots',
  'submissions',
  'submission_history',
  'launch_log_chunks',
  'held_launches',
  'job_log_bundles',
  'job_log_files',
  'loop_runs',
  'loop_state',
  'scheduled_ticks',
  'api_tokens',
  'acknowledgements',
  'submission_families',
  'submission_rollups',
  'campaign_rollups',
  'stage_list_versions',
  'stage_status_counts',
  'stage_root_counts',
  'notify_events',
  'notify_subscriptions',
  'notify_settings',
  'notify_deliveries',
  'failure_events',
  'failure_collections',
  'stage_active_definitions',
];

async function tables(t: TestDb): Promise<string[]> {
  const rows = await t.db('information_schema.tables').where({ table_schema: 'public' }).select('table_name');
  return rows
    .map((r: { table_name: string }) => r.table_name)
    .filter((n: string) => !n.startsWith('knex_'))
    .sort();
}

describe('migrations', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ migrate: false });
  });
  afterAll(async () => t?.destroy());

  it('run on the database kind this suite was given', () => {
    const kind = inject('db').kind;
    if (process.env.CI === 'true' && process.env.TEST_DB !== 'pglite') expect(kind).not.toBe('pglite');
    expect(t.kind).toBe(kind === 'pglite' ? 'pglite' : 'pg');
  });

  it('go latest → rollback all → latest, leaving the full schema', async () => {
    const names = await migrationSource.getMigrations([]);
    expect(await migrateLatest(t.db)).toEqual(names);
    expect(await tables(t)).toEqual([...TABLES].sort());
    await rollbackAll(t.db);
    expect(await tables(t)).toEqual([]);
    expect(await migrateLatest(t.db)).toEqual(names);
    expect(await tables(t)).toEqual([...TABLES].sort());
  });

  it('seed the recovery types', async () => {
    const names = (await t.db('recovery_types').orderBy('name').pluck('name')) as string[];
    expect(names).toEqual([
      'added_files',
      'consumed_status',
      'delivered_not_consumed',
      'pending_files',
      'process_status',
    ]);
  });

  it('keep submission history append-only', async () => {
    await t.db('experiments').insert({ experiment: 'histexp', name: 'History test' });
    const [stage] = await t.db('stages').insert({ experiment: 'histexp', name: 's' }).returning('stage_id');
    const [sub] = await t
      .db('submissions')
      .insert({ stage_id: stage.stage_id, experiment: 'histexp' })
      .returning('submission_id');
    await t
      .db('submission_history')
      .insert({ submission_id: sub.submission_id, status: 'New', actor_kind: 'system' });
    await expect(t.db('submission_history').update({ status: 'Running' })).rejects.toThrow(/append-only/);
    await expect(t.db('submission_history').delete()).rejects.toThrow(/append-only/);
    expect(await t.db('submission_history').count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('enforce role values and lower-case experiment names', async () => {
    await expect(t.db('experiments').insert({ experiment: 'DUNE', name: 'Upper' })).rejects.toThrow(
      /experiments_lower_case/,
    );
    const [x] = await t.db('experimenters').insert({ username: 'roletest' }).returning('experimenter_id');
    await expect(
      t
        .db('memberships')
        .insert({ experimenter_id: x.experimenter_id, experiment: 'histexp', role: 'coordinator' }),
    ).rejects.toThrow(/memberships_role_check/);
  });

  it('index the list pages', async () => {
    const idx = (await t.db('pg_indexes').where({ schemaname: 'public' }).pluck('indexname')) as string[];
    for (const name of [
      'campaigns_experiment_active_idx',
      'submissions_stage_created_idx',
      'submissions_campaign_created_idx',
      'submissions_experiment_status_idx',
      'submissions_unfinished_idx',
      'submission_history_submission_idx',
      'audit_log_experiment_at_idx',
      'held_launches_stage_idx',
      'submissions_unfinished_campaign_idx',
      'submissions_campaign_located_idx',
      'submissions_campaign_unfinished_idx',
    ])
      expect(idx).toContain(name);
  });
});
