import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateJobCounts } from '../../../src/db/stores/job-counts-store.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// The Lens poll writes the job counts of every submission whose status stays in one statement
// per 2,000 rows (issue 15: a poll of 10,000 was 10,000 single-row updates).
describe('updateJobCounts', () => {
  let t: TestDb;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const [c] = await t.db('campaigns').insert({ experiment: 'samdev', name: 'c' }).returning('campaign_id');
    const [s] = await t
      .db('stages')
      .insert({ experiment: 'samdev', name: 's', campaign_id: c.campaign_id })
      .returning('stage_id');
    const rows = Array.from({ length: 2_500 }, (_, i) => ({
      stage_id: s.stage_id,
      campaign_id: c.campaign_id,
      experiment: 'samdev',
      status: 'Running',
      project: i === 0 ? 'kept_project' : null,
      jobs_running: 1,
      pct_complete: 10,
    }));
    for (let i = 0; i < rows.length; i += 500)
      ids.push(
        ...(
          await t
            .db('submissions')
            .insert(rows.slice(i, i + 500))
            .returning('submission_id')
        ).map((r: { submission_id: number }) => r.submission_id),
      );
  });
  afterAll(() => t.destroy());

  it('writes each patch to its own row over several statements, keeping columns a patch leaves out', async () => {
    const patches = ids.map((id, i) => ({
      submission_id: id,
      jobs_running: i,
      jobs_idle: 2 * i,
      pct_complete: i % 2 ? null : 55.5,
      tracked_via: 'lens' as const,
      ...(i === 1 ? { project: 'found_project' } : {}),
    }));
    const seen: string[] = [];
    const on = (q: { sql: string }) => seen.push(q.sql);
    t.db.on('query', on);
    await updateJobCounts(t.db, patches);
    t.db.off('query', on);
    expect(seen).toHaveLength(2); // 2,500 rows: 2,000 + 500

    const rows = await t
      .db('submissions')
      .whereIn('submission_id', ids)
      .orderBy('submission_id')
      .select(
        'submission_id',
        'jobs_running',
        'jobs_idle',
        'pct_complete',
        'tracked_via',
        'project',
        'status',
      );
    expect(rows.map((r) => r.jobs_running)).toEqual(ids.map((_, i) => i));
    expect(rows.map((r) => r.jobs_idle)).toEqual(ids.map((_, i) => 2 * i));
    expect(rows[0]).toMatchObject({ pct_complete: 55.5, project: 'kept_project', tracked_via: 'lens' });
    expect(rows[1]).toMatchObject({ pct_complete: null, project: 'found_project', status: 'Running' });
    expect(rows[2].project).toBeNull();
  });

  it('does nothing for no patches', async () => {
    const seen: string[] = [];
    const on = (q: { sql: string }) => seen.push(q.sql);
    t.db.on('query', on);
    await updateJobCounts(t.db, []);
    t.db.off('query', on);
    expect(seen).toHaveLength(0);
  });
});
