import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyJobCounts } from '../../../src/services/tracking/apply-job-counts.js';
import { changeStatusesIn } from '../../../src/services/submissions/status-batch.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { updateJobCounts, type JobCountsPatch } from '../../../src/db/stores/job-counts-store.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// Issue 15: a Lens poll writes its status changes together (status-batch.ts) instead of one
// transaction each. The same readings applied one by one (the poller's former path, kept by the
// jobsub_q fallback) and as one batch must leave identical statuses, columns, history rows, outbox
// events and status counts, for a mix of accepted, rewritten and refused changes.
interface Case {
  status: string;
  recovery?: boolean;
  completionPct?: number;
  requested: string;
  pct: number | null;
}
const CASES: Case[] = [
  { status: 'Running', requested: 'Completed', pct: 100 }, // accepted; completed_at set
  { status: 'Idle', requested: 'Running', pct: 10 }, // accepted
  { status: 'Running', requested: 'Running', pct: 20 }, // unchanged: columns only
  { status: 'Located', requested: 'Running', pct: 30 }, // refused (final): columns only
  { status: 'Running', requested: 'Failed', pct: 0 }, // accepted; outbox event, updated_at
  { status: 'Held', recovery: true, requested: 'Failed', pct: 0 }, // recovery: rewritten to Completed
  { status: 'Idle', completionPct: 90, requested: 'Running', pct: 95 }, // rewritten to Completed
  { status: 'Running', completionPct: 90, requested: 'Idle', pct: 40 }, // accepted
  { status: 'Completed', requested: 'Running', pct: 50 }, // refused: no rollback
  { status: 'New', requested: 'Bogus', pct: null }, // unknown status: columns only
];

describe('batched status changes (the Lens poll)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
  });
  afterAll(() => t.destroy());

  /** One stage holding the cases' submissions (a parent first, for the recoveries). */
  async function makeSet(name: string): Promise<{ stageId: number; ids: number[] }> {
    const [c] = await t.db('campaigns').insert({ experiment: 'samdev', name }).returning('campaign_id');
    const [s] = await t
      .db('stages')
      .insert({ experiment: 'samdev', name, campaign_id: c.campaign_id })
      .returning('stage_id');
    const base = { stage_id: s.stage_id, campaign_id: c.campaign_id, experiment: 'samdev' };
    const [parent] = await t
      .db('submissions')
      .insert({ ...base, status: 'Located' })
      .returning('submission_id');
    const ids: number[] = [];
    for (const [i, k] of CASES.entries()) {
      let snapshot: number | null = null;
      if (k.completionPct !== undefined) {
        const [snap] = await t
          .db('stage_snapshots')
          .insert({
            stage_id: s.stage_id,
            content_hash: `${name}-${i}`,
            content: { completion_pct: k.completionPct },
          })
          .returning('snapshot_id');
        snapshot = snap.snapshot_id;
      }
      const [row] = await t
        .db('submissions')
        .insert({
          ...base,
          status: k.status,
          jobsub_job_id: `${i}.0@jobsub01`,
          parent_submission_id: k.recovery ? parent.submission_id : null,
          stage_snapshot_id: snapshot,
        })
        .returning('submission_id');
      ids.push(row.submission_id);
    }
    return { stageId: s.stage_id, ids };
  }

  const extraOf = (i: number): Partial<SubmissionRow> => ({
    jobs_total: 50,
    jobs_running: i,
    jobs_idle: 50 - i,
    jobs_held: 0,
    jobs_completed: 0,
    jobs_failed: i % 3,
    jobs_cancelled: 0,
    jobs_max_seen: 50,
    pct_complete: CASES[i].pct,
    tracked_via: 'lens',
    ...(i === 1 ? { project: 'found_project' } : {}),
  });

  /** What a set looks like, with submission ids replaced by their case number. */
  async function observe(set: { stageId: number; ids: number[] }) {
    const pos = (id: number) => set.ids.indexOf(Number(id));
    const subs = await t
      .db('submissions')
      .whereIn('submission_id', set.ids)
      .orderBy('submission_id')
      .select(
        'status',
        'project',
        'jobs_running',
        'jobs_idle',
        'jobs_failed',
        'pct_complete',
        'tracked_via',
        t.db.raw('completed_at is not null as completed'),
        t.db.raw('updated_at >= status_at as updated_at_status'),
      );
    const history = (
      await t
        .db('submission_history')
        .whereIn('submission_id', set.ids)
        .orderBy('history_id')
        .select('submission_id', 'status', 'actor_kind', 'experimenter_id', 'reason')
    ).map((h) => ({ ...h, submission_id: pos(h.submission_id) }));
    const events = (
      await t
        .db('notify_events')
        .whereIn('submission_id', set.ids)
        .orderBy('event_id')
        .select('kind', 'submission_id', 'details')
    ).map((e) => ({ ...e, submission_id: pos(e.submission_id) }));
    const counts = await t
      .db('stage_status_counts')
      .where({ stage_id: set.stageId })
      .where('n', '>', 0)
      .orderBy('status')
      .select('status', 'n');
    return { subs, history, events, counts };
  }

  it('leaves the same statuses, columns, history rows, events and counts as one change at a time', async () => {
    const one = await makeSet('one-by-one');
    const batch = await makeSet('batched');
    const rowsOf = async (ids: number[]) =>
      (await t.db('submissions').whereIn('submission_id', ids).orderBy('submission_id')) as SubmissionRow[];

    let changedOne = 0;
    for (const [i, s] of (await rowsOf(one.ids)).entries())
      if (
        await applyJobCounts(t.db, s, {
          status: CASES[i].requested as never,
          pct: CASES[i].pct,
          extra: extraOf(i),
        })
      )
        changedOne++;

    // As the poller splits a reading: a new status goes to the batch, the same one to the columns.
    const current = await rowsOf(batch.ids);
    const changes = batch.ids
      .map((id, i) => ({
        submissionId: id,
        requested: CASES[i].requested,
        pctComplete: CASES[i].pct,
        extra: extraOf(i),
      }))
      .filter((c, i) => c.requested !== current[i].status);
    await updateJobCounts(
      t.db,
      batch.ids
        .map((id, i) => ({ submission_id: id, ...extraOf(i) }) as JobCountsPatch)
        .filter((_, i) => CASES[i].requested === current[i].status),
    );
    const seen: string[] = [];
    const on = (q: { sql: string }) => seen.push(q.sql);
    t.db.on('query', on);
    const outcomes = await t.db.transaction((trx) => changeStatusesIn(trx, 'poller', changes));
    t.db.off('query', on);
    const changedBatch = outcomes.filter((o) => o.after !== o.before).length;

    expect(changedBatch).toBe(changedOne);
    expect(changedBatch).toBe(6);
    const [a, b] = [await observe(one), await observe(batch)];
    expect(b).toEqual(a);
    // The mix really is mixed: rewritten, refused and evented cases are all there.
    expect(a.subs.map((s) => s.status)).toEqual([
      'Completed',
      'Running',
      'Running',
      'Located',
      'Failed',
      'Completed',
      'Completed',
      'Idle',
      'Completed',
      'New',
    ]);
    expect(a.history.map((h) => h.reason)).toContain('reported Failed');
    expect(a.events).toHaveLength(1);
    // Set-wise: a bounded number of statements whatever the number of changes (lock, snapshots,
    // history insert, one update, and the one event's statements), not one transaction per change.
    expect(seen.filter((q) => !/^(begin|commit|BEGIN|COMMIT)/.test(q)).length).toBeLessThanOrEqual(6);
  });
});
