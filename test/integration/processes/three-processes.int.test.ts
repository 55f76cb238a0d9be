import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const LEASE_S = 4;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface Proc {
  child: ChildProcess;
  url: string;
  output: string;
}

/** One app process (the real entry point) on the shared database, loops every second. */
function startProcess(dbUrl: string, dir: string): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: dbUrl,
      POMS_SERVER_PORT: '0',
      POMS_DEMO_SEED: 'true',
      POMS_SIM_STATE_DIR: fs.mkdtempSync(path.join(dir, 'sim-')),
      POMS_LOOPS_LENS_POLL_S: '1',
      POMS_LOOPS_WRAPUP_S: '1',
      POMS_LOOPS_LEASE_S: String(LEASE_S),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { child, url: '', output: '' };
  return new Promise((ok, fail) => {
    const onData = (d: Buffer) => {
      proc.output += d.toString();
      const m = /POMS listening on (http:\/\/[\d.]+:\d+)/.exec(proc.output);
      if (m && !proc.url) {
        proc.url = m[1];
        ok(proc);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`process exited (${code}):\n${proc.output}`)));
  });
}

interface Run {
  loop: string;
  runner: string;
  started_at: Date;
  finished_at: Date | null;
}

// Three app processes on one PostgreSQL, as a deployment with replicas runs: pages answer from
// each, each loop runs on one process at a time, and when the process running the loops is killed
// another one takes them over within one lease.
describe('three app processes on one database', () => {
  let t: TestDb;
  const procs: Proc[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-3p-'));
  beforeAll(async () => {
    t = await createTestDb({ migrate: true });
    if (!t.url) return; // embedded PGlite is one process's database
    procs.push(await startProcess(t.url, dir)); // the first seeds the demo; then the others
    procs.push(...(await Promise.all([startProcess(t.url, dir), startProcess(t.url, dir)])));
  }, 300_000);
  afterAll(async () => {
    for (const p of procs)
      if (p.child.exitCode === null && p.child.signalCode === null) {
        const gone = new Promise((ok) => p.child.on('exit', ok));
        p.child.kill('SIGTERM');
        await gone;
      }
    await t?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('launches a cron tick exactly once when every process fires it at the same time', async () => {
    if (!t.url) return expect(t.kind).toBe('pglite');
    // A schedule whose real time never comes during the test (29 February, 03:00 UTC): the test
    // drives the clock by asking every process at once to fire the ticks due at that time.
    const stage = await t
      .db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    await t.db('stages').where({ stage_id: stage.stage_id }).update({ cron_schedule: '0 3 29 2 *' });
    const count = async () =>
      Number((await t.db('submissions').where({ stage_id: stage.stage_id }).count({ n: '*' }))[0].n);
    const before = await count();
    const fire = (p: Proc, at: string) =>
      fetch(`${p.url}/api/v1/admin/schedules/run-due`, {
        method: 'POST',
        headers: { 'x-remote-user': 'admin', 'content-type': 'application/json' },
        body: JSON.stringify({ at }),
      }).then(async (r) => {
        expect(r.status, await r.clone().text()).toBe(200);
        return ((await r.json()) as { items: Array<{ stage_id: number; outcome: string }> }).items;
      });

    const due = await Promise.all(procs.map((p) => fire(p, '2028-02-29T03:00:00Z')));
    const outcomes = due
      .flat()
      .filter((i) => i.stage_id === stage.stage_id)
      .map((i) => i.outcome);
    expect(outcomes).toHaveLength(3);
    expect(outcomes.filter((o) => o.startsWith('launched'))).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(2);
    expect(await count()).toBe(before + 1);
    expect(
      await t.db('scheduled_ticks').where({ stage_id: stage.stage_id }).select('tick_at', 'outcome'),
    ).toEqual([
      { tick_at: new Date('2028-02-29T03:00:00Z'), outcome: outcomes.find((o) => o !== 'skipped') },
    ]);

    // The same tick again (a replay) and a time the schedule is not due launch nothing.
    const again = await Promise.all([
      fire(procs[1], '2028-02-29T03:00:00Z'),
      fire(procs[2], '2028-02-29T03:01:00Z'),
    ]);
    expect(again[0].find((i) => i.stage_id === stage.stage_id)?.outcome).toBe('skipped');
    expect(again[1].find((i) => i.stage_id === stage.stage_id)).toBeUndefined();
    expect(await count()).toBe(before + 1);
    // A bad time is a 400 naming the field.
    const bad = await fetch(`${procs[0].url}/api/v1/admin/schedules/run-due`, {
      method: 'POST',
      headers: { 'x-remote-user': 'admin', 'content-type': 'application/json' },
      body: JSON.stringify({ at: 'tomorrow' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('at');
    await t.db('stages').where({ stage_id: stage.stage_id }).update({ cron_schedule: null });
  }, 120_000);

  it('answers every page from every process, runs each loop on one process at a time, and moves the loops of a killed leader within one lease', async () => {
    if (!t.url) return expect(t.kind).toBe('pglite');
    for (const p of procs) {
      expect((await fetch(`${p.url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${p.url}/sign-in`)).status).toBe(200);
      const api = await fetch(`${p.url}/api/v1/experiments/samdev/campaigns`, {
        headers: { 'x-remote-user': 'producer' },
      });
      expect([200, 401]).toContain(api.status);
      // Root's status, from any process, lists all three live processes (heartbeat rows).
      const status = await fetch(`${p.url}/api/v1/admin/status`, { headers: { 'x-remote-user': 'admin' } });
      const body = (await status.json()) as { processes: Array<{ pid: number; live: boolean }> };
      expect(
        body.processes
          .filter((q) => q.live)
          .map((q) => q.pid)
          .sort(),
      ).toEqual(procs.map((q) => q.child.pid).sort());
    }

    const runs = async (loop: string): Promise<Run[]> =>
      t
        .db('loop_runs')
        .where({ loop })
        .orderBy('started_at')
        .select('loop', 'runner', 'started_at', 'finished_at');
    // Let the loops run a few times across the processes.
    for (let i = 0; i < 60 && (await runs('lens-poller')).length < 4; i++) await sleep(500);
    const before = await runs('lens-poller');
    expect(before.length).toBeGreaterThanOrEqual(4);

    for (const loop of ['lens-poller', 'wrapup']) {
      const rs = (await runs(loop)).filter((r) => r.finished_at);
      for (let i = 1; i < rs.length; i++)
        expect(rs[i].started_at.getTime(), `${loop} run ${i} overlaps the one before`).toBeGreaterThanOrEqual(
          rs[i - 1].finished_at!.getTime() - 5,
        );
    }

    // Kill (no shutdown) the process that ran the poller last: another takes it within a lease.
    const leader = before[before.length - 1].runner;
    const pid = Number(leader.split(':')[1]);
    const victim = procs.find((p) => p.child.pid === pid);
    expect(victim, `runner ${leader} is one of ours`).toBeDefined();
    victim!.child.kill('SIGKILL');
    await new Promise((ok) => victim!.child.on('exit', ok));
    const killedAt = Date.now();
    let taken: Run | undefined;
    for (let i = 0; i < 60 && !taken; i++) {
      await sleep(500);
      taken = (await runs('lens-poller')).find(
        (r) => r.runner !== leader && r.started_at.getTime() > killedAt,
      );
    }
    expect(taken, 'another process runs the poller').toBeDefined();
    // One lease, plus one interval and its jitter, plus slack for a loaded machine.
    expect(taken!.started_at.getTime() - killedAt).toBeLessThan((LEASE_S + 1 + 1 + 5) * 1000);
    for (const p of procs.filter((q) => q !== victim))
      expect((await fetch(`${p.url}/health/ready`)).status).toBe(200);
  }, 300_000);
});
