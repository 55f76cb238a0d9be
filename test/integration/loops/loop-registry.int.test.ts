import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopStore } from '../../../src/db/stores/loop-store.js';
import { createDb } from '../../../src/db/create-db.js';
import { LoopRegistry } from '../../../src/loops/loop-registry.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('loop registry', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.destroy());

  it('records runs, answers status and runs now on request', async () => {
    const reg = new LoopRegistry(loopStore(t.db), log);
    let n = 0;
    reg.register({ name: 'counter', intervalMs: 60_000, run: async () => `run ${++n}` });
    expect(await reg.runNow('counter')).toEqual({ ran: true, ok: true, result: 'run 1' });
    reg.register({
      name: 'broken',
      intervalMs: 60_000,
      run: async () => {
        throw new Error('SAM unreachable');
      },
    });
    expect(await reg.runNow('broken')).toEqual({ ran: true, ok: false, result: 'SAM unreachable' });
    const status = await reg.status();
    expect(status.find((s) => s.name === 'counter')).toMatchObject({
      lastOk: true,
      lastResult: 'run 1',
      running: false,
    });
    expect(status.find((s) => s.name === 'broken')).toMatchObject({
      lastOk: false,
      lastResult: 'SAM unreachable',
    });
    const runs = await t.db('loop_runs').orderBy('loop_run_id').select('loop', 'ok', 'result');
    expect(runs).toEqual([
      { loop: 'counter', ok: true, result: 'run 1' },
      { loop: 'broken', ok: false, result: 'SAM unreachable' },
    ]);
    await reg.stop();
  });

  it('never overlaps a loop, within one process or across processes sharing the database', async () => {
    // Two registries stand for two app processes; on real PostgreSQL the second uses its own pool.
    const db2 = t.url ? createDb({ url: t.url }) : t.db;
    const a = new LoopRegistry(loopStore(t.db), log);
    const b = new LoopRegistry(loopStore(db2), log);
    Object.defineProperty(b, 'runner', { value: 'other-host:2' });
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const spec = {
      name: 'exclusive',
      intervalMs: 5,
      jitterMs: 5,
      run: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        runs++;
        await sleep(20);
        active--;
      },
    };
    a.register(spec);
    b.register({ ...spec });
    a.start();
    b.start();
    await Promise.all([a.runNow('exclusive'), a.runNow('exclusive'), b.runNow('exclusive')]);
    await sleep(600);
    await a.stop();
    await b.stop();
    if (db2 !== t.db) await db2.destroy();
    expect(runs).toBeGreaterThan(3);
    expect(maxActive).toBe(1);
  });

  it('lets another process take over an expired lease', async () => {
    const store = loopStore(t.db);
    expect(await store.claim('lease', 'p1', 50)).toBe(true);
    expect(await store.claim('lease', 'p2', 50)).toBe(false);
    await sleep(80);
    expect(await store.claim('lease', 'p2', 50)).toBe(true);
    await store.release('lease', 'p2');
    expect(await store.claim('lease', 'p1', 50)).toBe(true);
  });

  it('stops in order, aborting running work and waiting for it', async () => {
    const reg = new LoopRegistry(loopStore(t.db), log);
    let aborted = false;
    reg.register({
      name: 'slow',
      intervalMs: 60_000,
      run: ({ signal }) =>
        new Promise<string>((ok) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            ok('stopped early');
          });
        }),
    });
    reg.start();
    await sleep(50);
    await reg.stop();
    expect(aborted).toBe(true);
    expect(await t.db('loop_state').where({ loop: 'slow' }).first()).toMatchObject({
      last_result: 'stopped early',
      leased_by: null,
    });
  });
  it('reckons a lease on the database clock and gives each registry its own runner id', async () => {
    const store = loopStore(t.db);
    expect(await store.claim('db-clock', 'p1', 60_000)).toBe(true);
    const row = await t.db.raw(
      `select extract(epoch from leased_until - now()) as left from loop_state where loop = 'db-clock'`,
    );
    const left = Number((row.rows ?? row)[0].left);
    expect(left).toBeGreaterThan(55);
    expect(left).toBeLessThanOrEqual(60);
    const a = new LoopRegistry(store, log);
    const b = new LoopRegistry(store, log);
    expect(a.runner).toMatch(new RegExp(`^[^:]+:${process.pid}:[0-9a-f]{8}$`));
    expect(b.runner).not.toBe(a.runner);
  });

  it('renews the lease during a run; a run that loses it is stopped and leaves the new holder alone', async () => {
    const store = loopStore(t.db);
    const reg = new LoopRegistry(store, log);
    let started!: () => void;
    const running = new Promise<void>((ok) => (started = ok));
    let writesAfterLoss = 0;
    reg.register({
      name: 'long',
      intervalMs: 60_000,
      leaseMs: 300,
      run: async ({ signal }) => {
        started();
        await new Promise<void>((ok) => signal.addEventListener('abort', () => ok()));
        if (!signal.aborted) writesAfterLoss++;
        signal.throwIfAborted(); // the safe point before a write
        writesAfterLoss++;
        return 'never';
      },
    });
    const run = reg.runNow('long');
    await running;
    await sleep(700); // more than two lease lengths: only renewal keeps it
    expect(await store.claim('long', 'thief', 300)).toBe(false);
    await t.db('loop_state').where({ loop: 'long' }).update({ leased_by: 'thief', last_result: 'thief ran' });
    const out = await run;
    expect(out).toMatchObject({ ran: true, ok: false, result: expect.stringContaining('lease lost') });
    expect(writesAfterLoss).toBe(0);
    expect(await t.db('loop_state').where({ loop: 'long' }).first()).toMatchObject({
      leased_by: 'thief',
      last_result: 'thief ran',
    });
    await reg.stop();
  });

  it('logs a lease claim that fails', async () => {
    const lines: string[] = [];
    const logged = pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) });
    const store = {
      ...loopStore(t.db),
      claim: async () => {
        throw new Error('connection refused');
      },
    };
    const reg = new LoopRegistry(store, logged);
    reg.register({ name: 'unclaimable', intervalMs: 60_000, run: async () => 'ran' });
    expect(await reg.runNow('unclaimable')).toEqual({ ran: false });
    expect(lines.join('')).toMatch(
      /loop lease claim failed.*connection refused|connection refused.*loop lease claim failed/,
    );
  });
});
