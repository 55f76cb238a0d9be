import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const childrenOf = (pid: number): number[] =>
  fs
    .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

// `[server] workers = 2`: one command starts a supervisor and two app processes sharing one port
// (node:cluster); both serve pages, each loop runs on one of them at a time (leases), a worker
// that dies is replaced, and SIGTERM stops them all cleanly.
describe('[server] workers: several app processes behind one port', () => {
  let t: TestDb;
  let child: ChildProcess;
  let url = '';
  let output = '';
  beforeAll(async () => {
    t = await createTestDb({ migrate: true });
    if (!t.url) return; // embedded PGlite is one process's database
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATABASE_URL: t.url,
        POMS_SERVER_PORT: '0',
        POMS_SERVER_WORKERS: '2',
        POMS_SIM_ENABLED: 'false',
        POMS_DEMO_SEED: 'true',
        POMS_NOTIFY_DELIVERY_INTERVAL_S: '1',
        POMS_LOOPS_HEARTBEAT_S: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((ok, fail) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        const m = /POMS listening on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (m && !url) {
          url = m[1];
          ok();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => fail(new Error(`exited (${code}):\n${output}`)));
    });
  }, 300_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((ok) => child.on('exit', ok));
      child.kill('SIGTERM');
      await gone;
    }
    await t?.destroy();
  }, 120_000);

  const livePids = async (): Promise<number[]> =>
    (await t.db('process_heartbeats').pluck('pid')).map(Number).sort();

  it('serves from both workers, runs each loop on one at a time, replaces a dead worker and stops on SIGTERM', async () => {
    if (!t.url) return expect(t.kind).toBe('pglite');
    const supervisor = child.pid!;
    // Both workers start (the second once the first listens) and each writes its heartbeat.
    let workers: number[] = [];
    for (let i = 0; i < 240 && (await livePids()).length < 2; i++) await sleep(500);
    workers = childrenOf(supervisor).sort();
    expect(workers).toHaveLength(2);
    expect(await livePids()).toEqual(workers);
    for (let i = 0; i < 10; i++) {
      const r = await fetch(`${url}/api/v1/experiments/samdev/campaigns`, {
        headers: { 'x-remote-user': 'producer' },
      });
      expect(r.status).toBe(200);
    }

    // Each loop: its runs come from the workers and never overlap.
    const runs = () =>
      t
        .db('loop_runs')
        .where({ loop: 'notify-delivery' })
        .orderBy('started_at')
        .select('runner', 'started_at', 'finished_at');
    for (let i = 0; i < 60 && (await runs()).length < 4; i++) await sleep(500);
    const rs = (await runs()).filter((r) => r.finished_at);
    expect(rs.length).toBeGreaterThanOrEqual(3);
    for (const r of rs) expect(workers).toContain(Number(String(r.runner).split(':')[1]));
    for (let i = 1; i < rs.length; i++)
      expect(rs[i].started_at.getTime()).toBeGreaterThanOrEqual(rs[i - 1].finished_at.getTime() - 5);

    // A worker killed outright is replaced; the port keeps answering meanwhile.
    process.kill(workers[0], 'SIGKILL');
    let now: number[] = [];
    for (let i = 0; i < 240; i++) {
      now = childrenOf(supervisor).sort();
      if (now.length === 2 && !now.includes(workers[0])) break;
      await sleep(500);
    }
    expect(now).toHaveLength(2);
    expect(now).not.toContain(workers[0]);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    for (let i = 0; i < 240 && !(await livePids()).includes(now.find((p) => p !== workers[1])!); i++)
      await sleep(500);

    // SIGTERM to the supervisor: every worker shuts down cleanly (heartbeat rows removed), exit 0.
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await t.db('process_heartbeats').whereIn('pid', now).pluck('pid')).toEqual([]);
  }, 300_000);
});
