import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopRegistry, LoopSpec } from '../../../src/loops/loop-registry.js';
import { registerLoops } from '../../../src/loops/register-loops.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// Issue 16: a loop run that loses its lease (another process took the loop) stops before its next
// write. Every registered loop is run here with the signal the registry gives it, lost either
// before the run or at the run's first write of a batch of two items: the second item stays as it
// was, and a run that keeps its lease does the work (so the first two checks can fail).
const WRITE = /^\s*(insert|update|delete)\b/i;

/** Aborts `lost` when a statement matching `at` is sent; counts the writes sent after that. */
function watchWrites(db: Knex, at: RegExp | 'never', lost: AbortController) {
  const seen = { writes: 0, afterLoss: 0 };
  const onQuery = (q: { sql: string }) => {
    if (!WRITE.test(q.sql)) return;
    seen.writes++;
    if (lost.signal.aborted) seen.afterLoss++;
    else if (at !== 'never' && at.test(q.sql)) lost.abort(new Error('loop lease lost to another process'));
  };
  db.on('query', onQuery);
  return { seen, done: () => db.off('query', onQuery) };
}

describe('a loop run that loses its lease', () => {
  let h: SimHarness;
  const specs = new Map<string, LoopSpec>();
  const db = () => h.testDb.db;
  beforeAll(async () => {
    h = await startSimHarness(41);
    const capture = { register: (s: LoopSpec) => specs.set(s.name, s) } as unknown as LoopRegistry;
    registerLoops(capture, h.services, h.services.config);
  }, 120_000);
  afterAll(async () => h?.close());

  async function launchReco(): Promise<number> {
    const stage = await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const out = await h.services.launchActions.launch(await h.user('producer'), stage.stage_id, {}, 'samdev');
    await h.services.runner.idle();
    return (out as { submissionId: number }).submissionId;
  }

  /** Runs the loop `name` with a lease lost at the first statement matching `at`. */
  async function runLosing(name: string, at: RegExp | 'never' | 'before') {
    const lost = new AbortController();
    if (at === 'before') lost.abort(new Error('loop lease lost to another process'));
    const w = watchWrites(db(), at === 'before' ? 'never' : at, lost);
    try {
      const out = await specs
        .get(name)!
        .run({ signal: lost.signal, log: h.services.log })
        .then(
          (r) => ({ ok: true, result: r }),
          (e: Error) => ({ ok: false, result: e.message }),
        );
      return { ...out, ...w.seen };
    } finally {
      w.done();
    }
  }

  it('writes nothing, for every registered loop, when the lease is lost before the run', async () => {
    expect([...specs.keys()]).toEqual(expect.arrayContaining(['lens-poller', 'session-prune', 'wrapup']));
    const wrote: string[] = [];
    for (const name of specs.keys()) {
      const r = await runLosing(name, 'before');
      if (r.writes) wrote.push(`${name}: ${r.writes} write(s) (${r.result})`);
    }
    expect(wrote).toEqual([]);
  });

  it('session-prune: writes nothing after the loss; removes the idle buckets only with its lease', async () => {
    const old = new Date(Date.now() - 86400_000);
    const idle = async () => db()('rate_buckets').where({ bucket: 'test:idle' }).first();
    const prepare = async () => {
      await db()('sessions').insert({ sid: `old-${Math.random()}`, data: '{}', expires_at: old });
      await db()('rate_buckets')
        .insert({ bucket: 'test:idle', level: 1, allowed: true, at: old })
        .onConflict('bucket')
        .ignore();
    };
    await prepare();
    const before = await runLosing('session-prune', 'before');
    expect(before).toMatchObject({ ok: false, writes: 0 });
    expect(before.result).toMatch(/lease lost/);

    const mid = await runLosing('session-prune', /delete from "sessions"/);
    expect(mid).toMatchObject({ ok: false, afterLoss: 0 });
    expect(await idle()).toBeDefined();

    await prepare();
    expect((await runLosing('session-prune', 'never')).ok).toBe(true);
    expect(await idle()).toBeUndefined();
  });

  it('lens-poller: fails one of two vanished launches, not the second, once the lease is lost', async () => {
    const ids = [await launchReco(), await launchReco()];
    await db()('submissions')
      .whereIn('submission_id', ids)
      .update({
        launch_started_at: new Date(Date.now() - 3600_000),
        launch_heartbeat_at: new Date(Date.now() - 3600_000),
        launch_finished_at: null,
        jobsub_job_id: null,
        jobsub_cluster_ids: [],
      });
    const statuses = async () =>
      (await db()('submissions')
        .whereIn('submission_id', ids)
        .orderBy('submission_id')
        .pluck('status')) as string[];

    expect(await runLosing('lens-poller', 'before')).toMatchObject({ ok: false, writes: 0 });
    expect(await statuses()).toEqual(['New', 'New']);

    const mid = await runLosing('lens-poller', /^update "submissions" set "launch_finished_at"/);
    expect(mid.ok).toBe(false);
    expect(mid.result).toMatch(/lease lost/);
    // the first launch's failure is one transaction, finished; nothing is written after it
    expect((await statuses()).sort()).toEqual(['LaunchFailed', 'New']);

    expect((await runLosing('lens-poller', 'never')).ok).toBe(true);
    expect(await statuses()).toEqual(['LaunchFailed', 'LaunchFailed']);
  });

  it('wrapup: chains one of two Located submissions, not the second, once the lease is lost', async () => {
    const ids = [await launchReco(), await launchReco()];
    await db()('submissions').whereIn('submission_id', ids).update({ status: 'Located', chained_at: null });
    const chained = async () =>
      (
        await db()('submissions').whereIn('submission_id', ids).whereNotNull('chained_at').count({ n: '*' })
      )[0].n;

    expect(await runLosing('wrapup', 'before')).toMatchObject({ ok: false, writes: 0 });
    expect(Number(await chained())).toBe(0);

    const mid = await runLosing('wrapup', /^update "submissions" set "chained_at"/);
    expect(mid).toMatchObject({ ok: false, afterLoss: 0 });
    expect(Number(await chained())).toBe(1);

    expect((await runLosing('wrapup', 'never')).ok).toBe(true);
    expect(Number(await chained())).toBe(2);
  });
});
