import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopRegistry, LoopSpec } from '../../../src/loops/loop-registry.js';
import { registerLoops } from '../../../src/loops/register-loops.js';
import { activeDefinitionName } from '../../../src/services/housekeeping/active-stage-definitions.js';
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
  let sandboxDir: string;
  const db = () => h.testDb.db;
  beforeAll(async () => {
    h = await startSimHarness(41);
    sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'poms-lease-sandboxes-'));
    const capture = { register: (s: LoopSpec) => specs.set(s.name, s) } as unknown as LoopRegistry;
    const config = h.services.config;
    registerLoops(capture, h.services, {
      ...config,
      credentials: { ...config.credentials, remote_dir: sandboxDir } as typeof config.credentials,
    });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    if (sandboxDir) await rm(sandboxDir, { recursive: true, force: true });
  });

  const stageId = async (name: string) =>
    (
      await db()('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': name })
        .first('s.stage_id')
    ).stage_id as number;
  const countOf = async (q: Knex.QueryBuilder) => Number((await q.count({ n: '*' }))[0].n);
  /** Takes submissions out of every loop's way once a case is done with them. */
  const retire = (ids: number[]) =>
    db()('submissions').whereIn('submission_id', ids).update({ status: 'LaunchFailed' });

  async function launchReco(): Promise<number> {
    const out = await h.services.launchActions.launch(
      await h.user('producer'),
      await stageId('reco'),
      {},
      'samdev',
    );
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

  /** A loop over two items: lost before the run, lost at the first item's write, kept. */
  async function expectStopsAfterOne(name: string, at: RegExp, done: () => Promise<number>) {
    expect(await runLosing(name, 'before')).toMatchObject({ ok: false, writes: 0 });
    expect(await done()).toBe(0);
    expect(await runLosing(name, at)).toMatchObject({ ok: false, afterLoss: 0 });
    expect(await done()).toBe(1);
    expect((await runLosing(name, 'never')).ok).toBe(true);
    expect(await done()).toBe(2);
  }

  it('covers every registered loop', () => {
    expect([...specs.keys()].sort()).toEqual([
      'failure-causes',
      'launch-sandboxes',
      'lens-poller',
      'notify-delivery',
      'notify-watch',
      'session-prune',
      'stage-active-definitions',
      'stale-campaigns',
      'wrapup',
    ]);
  });

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

  it('failure-causes: checks one of two Held submissions, not the second, once the lease is lost', async () => {
    const ids = [await launchReco(), await launchReco()];
    await db()('submissions').whereIn('submission_id', ids).update({ status: 'Held', status_at: new Date() });
    const checked = () =>
      countOf(db()('failure_collections').whereIn('submission_id', ids).whereNotNull('held_checked_at'));

    await expectStopsAfterOne('failure-causes', /^insert into "failure_collections"/, checked);
    await retire(ids);
  });

  it('notify-watch: records one of two submissions held too long, not the second, once the lease is lost', async () => {
    const ids = [await launchReco(), await launchReco()];
    await db()('submissions')
      .whereIn('submission_id', ids)
      .update({ status: 'Held', status_at: new Date('2000-01-01T00:00:00Z') });
    const events = () =>
      countOf(db()('notify_events').whereIn('submission_id', ids).where({ kind: 'submission.held' }));

    await expectStopsAfterOne('notify-watch', /^insert into "notify_events"/, events);
    await retire(ids);
  });

  it('stage-active-definitions: writes one of two stages, not the second, once the lease is lost', async () => {
    const [reco, ana] = [await stageId('reco'), await stageId('ana')];
    const id = await launchReco();
    await db()('submissions').where({ submission_id: id }).update({ project: 'lease_loss_project' });
    // a definition POMS keeps for a stage with nothing in flight any more: the second item, a delete
    await db()('stage_active_definitions').insert({
      stage_id: ana,
      experiment: 'samdev',
      defname: activeDefinitionName(ana),
      dims: "project_name 'gone'",
      updated_at: new Date(),
    });
    const kept = async () =>
      (await db()('stage_active_definitions').orderBy('stage_id').pluck('stage_id')) as number[];

    expect(await runLosing('stage-active-definitions', 'before')).toMatchObject({ ok: false, writes: 0 });
    expect(await kept()).toEqual([ana]);

    const mid = await runLosing('stage-active-definitions', /^insert into "stage_active_definitions"/);
    expect(mid).toMatchObject({ ok: false, afterLoss: 0 });
    expect(await kept()).toEqual([reco, ana].sort((a, b) => a - b));

    expect((await runLosing('stage-active-definitions', 'never')).ok).toBe(true);
    expect(await kept()).toEqual([reco]);
    await retire([id]);
  });

  it('stale-campaigns: marks nothing once the lease is lost; marks the idle campaign with its lease', async () => {
    const old = new Date(Date.now() - 30 * 86_400_000);
    const idle = await db()('campaigns')
      .whereNot({ name: 'demo' })
      .orderBy('campaign_id')
      .first('campaign_id');
    await db()('campaigns')
      .where({ campaign_id: idle.campaign_id })
      .update({ active: true, created_at: old, updated_at: old });
    const active = async () =>
      (await db()('campaigns').where({ campaign_id: idle.campaign_id }).first('active')).active as boolean;

    expect(await runLosing('stale-campaigns', 'before')).toMatchObject({ ok: false, writes: 0 });
    expect(await active()).toBe(true);

    expect((await runLosing('stale-campaigns', 'never')).ok).toBe(true);
    expect(await active()).toBe(false);
  });

  it('launch-sandboxes: removes nothing once the lease is lost; removes a stale sandbox with its lease', async () => {
    // Its writes are on the launch hosts (one here), each run checks the lease before each host.
    const stale = `poms_${'c'.repeat(32)}`;
    await mkdir(path.join(sandboxDir, stale));
    const old = new Date(Date.now() - 7 * 3600_000);
    await utimes(path.join(sandboxDir, stale), old, old);

    expect(await runLosing('launch-sandboxes', 'before')).toMatchObject({ ok: false, writes: 0 });
    expect(await readdir(sandboxDir)).toContain(stale);

    expect((await runLosing('launch-sandboxes', 'never')).ok).toBe(true);
    expect(await readdir(sandboxDir)).not.toContain(stale);
  });
});
