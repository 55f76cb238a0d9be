// One Lens poll applied to every active submission of the benchmark experiment (10,000 at LARGE):
// the real Lens client over HTTP to a local server (its own process) answering in Lens's own format (the fields of
// test/fixtures/golden/lens-batched-with-error.json), then the poller's reads and writes, inside a
// transaction that is rolled back so the database stays as generated. Nothing asserts a timing.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { LensClient, type Lens } from '../src/adapters/lens/index.js';
import { createLogger } from '../src/lib/logger.js';
import { pollExperiment } from '../src/services/tracking/lens-poller.js';
import type { TrackingDeps } from '../src/services/tracking/tracking-deps.js';

/** bench:gen's active statuses by submission id (`g % 6`) and jobsub ids (`g * 7`.0@jobsub0…). */
const GEN_STATUS = ['Running', 'Running', 'Idle', 'Held', 'Completed', 'New'];

/**
 * What Lens says of submission `g` at this poll: every one's job counts moved since the last poll
 * (the worst case for writes); one running submission in twenty finished (a status change); New
 * ones are not in Lens yet (null, as Lens answers for an unknown id).
 */
function entry(id: string) {
  const g = Number(id.split('.')[0]) / 7;
  const status = GEN_STATUS[g % 6];
  if (status === 'New') return null;
  const finished = status === 'Running' && g % 20 === 0;
  const base = { pomsTaskID: g, id, error: null, cancelled: 0, args: `--sam_project bench_p_${g}` };
  const env = {
    POMS_ENV: 'bench',
    POMS_DATA_DISPATCHER_PROJECT_ID: null,
    POMS_DATA_DISPATCHER_TASK_ID: null,
  };
  const counts = finished
    ? { done: true, running: 0, idle: 0, held: 0, failed: 1, completed: 49 }
    : status === 'Completed'
      ? { done: true, running: 0, idle: 0, held: 0, failed: 2, completed: 48 }
      : status === 'Held'
        ? { done: false, running: 30, idle: 7, held: 3, failed: 0, completed: 10 }
        : status === 'Idle'
          ? { done: false, running: 0, idle: 49, held: 0, failed: 0, completed: 1 }
          : { done: false, running: 33, idle: 4, held: 0, failed: 1, completed: 12 };
  return { ...base, ...counts, ...env };
}

function lensServer(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const { query } = JSON.parse(body) as { query: string };
      const data: Record<string, unknown> = {};
      if (/^\{ submissions\(/.test(query)) data.submissions = [];
      for (const m of query.matchAll(/(\w+): submission\(id: "([^"]+)"\)/g)) data[m[1]] = entry(m[2]);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data }));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/**
 * The Lens stand-in in its own process, as Lens is (in the poller's process its answers would
 * be built on the same core the poller needs): this file run with `serve`, printing its URL.
 */
async function lensProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\S+)$/m.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`the Lens stand-in exited (${code})`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

if (process.argv[2] === 'serve' && process.argv[1] === import.meta.filename) {
  const server = await lensServer();
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lens/query`);
}

/**
 * Wall time by what was in flight, since a poll asks Lens for one step while it writes another:
 * Lens alone (the poll waited for Lens), the database alone, both, or neither (the poller's own work).
 */
function overlapMeter(db: Knex) {
  let lens = 0;
  let sql = 0;
  let last = performance.now();
  const ms = { lensOnly: 0, dbOnly: 0, both: 0, neither: 0 };
  const tick = () => {
    const now = performance.now();
    const d = now - last;
    last = now;
    if (lens && sql) ms.both += d;
    else if (lens) ms.lensOnly += d;
    else if (sql) ms.dbOnly += d;
    else ms.neither += d;
  };
  // Transaction control statements are announced but never answered with query-response.
  const start = (q: { sql: string }) => {
    if (/^\s*(begin|commit|rollback|savepoint|release)/i.test(q.sql)) return;
    tick();
    sql++;
  };
  const done = () => (tick(), sql--);
  db.on('query', start).on('query-response', done).on('query-error', done);
  return {
    ms,
    /** The figures so far, up to now. */
    read: () => (tick(), { ...ms }),
    lens: (delta: number) => (tick(), (lens += delta)),
    reset: () => ((last = performance.now()), Object.keys(ms).forEach((k) => (ms[k as keyof typeof ms] = 0))),
    stop: () => (tick(), db.off('query', start).off('query-response', done).off('query-error', done)),
  };
}

/** Polls to time (BENCH_LENS_POLLS, default 3): the figure is the median one, the others printed beside it. */
const POLLS = Math.max(1, Number(process.env.BENCH_LENS_POLLS ?? 3));

export async function lensPollBench(db: Knex, experiment: string) {
  const lens = await lensProcess();
  const client = new LensClient({ url: lens.url });
  let lensMs = 0;
  let calls = 0;
  const meter = overlapMeter(db);
  const timedLens = new Proxy(client, {
    get(target, prop) {
      const v = Reflect.get(target, prop) as unknown;
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        const t = performance.now();
        meter.lens(1);
        try {
          return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          meter.lens(-1);
          lensMs += performance.now() - t;
          calls++;
        }
      };
    },
  }) as Lens;
  const active = Number(
    (
      await db('submissions')
        .where({ experiment })
        .whereIn('status', ['New', 'Idle', 'Running', 'Held', 'Completed'])
        .count<{ n: number }[]>({ n: '*' })
        .first()
    )?.n ?? 0,
  );
  // Each poll in a transaction rolled back after, so every one starts from the same rows (a
  // checkpoint or autovacuum landing on one poll shows as one slow figure, not as the result).
  const onePoll = async () => {
    lensMs = 0;
    calls = 0;
    const trx = await db.transaction();
    const t = performance.now();
    meter.reset();
    let result: { seen: number; changed: number };
    try {
      const deps = {
        db: trx,
        lens: timedLens,
        log: createLogger('silent'),
        pollIntervalMs: 60_000,
        launchFailedAfterMs: 3_600_000,
        locatedMaxWaitMs: 86_400_000,
      } as unknown as TrackingDeps;
      result = await pollExperiment(deps, experiment);
    } finally {
      await trx.rollback();
    }
    const totalMs = performance.now() - t;
    const inFlightMs = meter.read();
    return { active, ...result, totalMs, lensMs, lensCalls: calls, inFlightMs };
  };
  const polls: Array<Awaited<ReturnType<typeof onePoll>>> = [];
  try {
    for (let i = 0; i < POLLS; i++) polls.push(await onePoll());
  } finally {
    meter.stop();
    lens.stop();
  }
  // The polls' writes were rolled back but leave dead rows and pages no longer all-visible, so the
  // next run's index-only scans would visit the heap (on LARGE after a session of polls the
  // campaign list's page of 50 executed in 1.8 ms, 0.45 ms after a vacuum): vacuum, as autovacuum
  // would in time.
  await db.raw('vacuum');
  const byTime = [...polls].sort((a, b) => a.totalMs - b.totalMs);
  return { ...byTime[Math.floor((byTime.length - 1) / 2)], pollsMs: polls.map((p) => p.totalMs) };
}
