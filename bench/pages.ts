// Page figures on the database built by `npm run bench:gen` (DATABASE_URL): every page and its JSON
// twin timed against a separately started app process (median and p95 over N runs after warm-up,
// bytes), SQL statements per request and the page's SQL floor (its statements run alone, from an
// in-process app on the same database), throughput at 1/4/8 clients, cold start to first page and
// the app's RSS. Prints a table and writes var/bench-<scale>.json. Nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load-config.js';
import { createDb } from '../src/db/create-db.js';
import { createServices } from '../src/services/services.js';
import { client, rssMiB, signIn, startApp, waitFor, type Get } from './app-process.js';
import { coldStartBench, printColdStart } from './cold-start.js';
import { encodeCursor } from '../src/domain/pagination/keyset-cursor.js';
import { lensPollBench } from './lens-poll.js';
import { evaluateTargets, formatTargets, type BenchRun } from './targets.js';
import { printThroughput, throughputBench } from './throughput.js';

const P = '/experiments/samdev';
const PORT = Number(process.env.BENCH_PORT ?? 18107);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/**
 * Requests to a page before it is timed (BENCH_WARM, default 50): a serving process is warm. After
 * 3 the page's code was still being optimised (~17 ms of app CPU per request against ~10 ms warm,
 * measured on the median stage's list); after 10 the big rendered lists were still ~15 % slower
 * than after 100 (median stage page 11.1 against 10.1 ms, busy stage 14.6 against 11.6, the same
 * minutes), and 50 is where they settle.
 */
const WARM = Number(process.env.BENCH_WARM ?? 50);
/** Only the pages whose name matches (e.g. BENCH_PAGES='stage|submission'); all when unset. */
const ONLY = process.env.BENCH_PAGES ? new RegExp(process.env.BENCH_PAGES, 'i') : null;
/** BENCH_QUICK=1: pages only (no throughput, cold start, Lens poll). BENCH_VERBOSE=1: each statement's floor. */
const QUICK = process.env.BENCH_QUICK === '1';
const VERBOSE = process.env.BENCH_VERBOSE === '1' || process.env.BENCH_EXPLAIN === '1';
/** BENCH_EXPLAIN=1: also each statement's plan (EXPLAIN ANALYZE, BUFFERS). */
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

interface Shape {
  scale: string;
  submissions: number;
  campaign: number;
  busyStage: number;
  medianStage: number;
  submission: number;
  /** Keyset cursor of the busy stage's whole-life list after its 10,000th newest submission. */
  middleCursor: string;
  /** The busy stage's whole-life list's last page (50 rows a page): a page past it would be empty. */
  busyLastPage: number;
}

async function shapeOf(db: Knex): Promise<Shape> {
  const n = Number((await db('submission_rollups').sum({ n: 'submissions' }).first())?.n ?? 0);
  const stages = await db('stage_status_counts')
    .groupBy('stage_id')
    .select('stage_id', db.raw('sum(n)::int as n'))
    .orderBy([{ column: 'n', order: 'desc' }, 'stage_id']);
  const busy = stages[0].stage_id as number;
  const median = stages[Math.floor(stages.length / 2)].stage_id as number;
  const campaign = (await db('stages').where({ stage_id: busy }).first('campaign_id')).campaign_id as number;
  const sub = await db('submissions')
    .where({ stage_id: median })
    .orderBy('submission_id', 'desc')
    .first('submission_id');
  const mid = (
    await db.raw(
      `select created_at::text as key, submission_id from submissions where stage_id = ?
       order by created_at desc, submission_id desc offset ? limit 1`,
      [busy, Math.min(9_999, Math.floor(Number(stages[0].n) / 2))],
    )
  ).rows[0];
  const roots = await db('stage_root_counts').where({ stage_id: busy }).first('n');
  return {
    busyLastPage: Math.max(1, Math.ceil(Number(roots?.n ?? 0) / 50)),
    middleCursor: encodeCursor({ sort: 'created', key: mid.key, id: Number(mid.submission_id) }),
    scale: n >= 500_000 ? 'large' : 'small',
    submissions: n,
    campaign,
    busyStage: busy,
    medianStage: median,
    submission: sub.submission_id,
  };
}

function pagesOf(s: Shape): Array<{ name: string; page: string; json: string }> {
  const both = (name: string, path: string, json = `/api/v1${path}`) => ({ name, page: path, json });
  const life = 'tdays=36500';
  return [
    both('campaign list', `${P}/campaigns`),
    both('campaign', `${P}/campaigns/${s.campaign}`),
    both('stage page', `${P}/stages/${s.busyStage}`, `/api/v1${P}/stages/${s.busyStage}/page`),
    both('median stage submissions', `${P}/stages/${s.medianStage}/submissions?${life}`),
    both('busy stage submissions (7 days)', `${P}/stages/${s.busyStage}/submissions`),
    both('busy stage submissions, whole life', `${P}/stages/${s.busyStage}/submissions?${life}`),
    both(
      'busy stage submissions, middle page by number',
      `${P}/stages/${s.busyStage}/submissions?${life}&page=150`,
    ),
    both(
      'busy stage submissions, middle page by cursor',
      `${P}/stages/${s.busyStage}/submissions?${life}&page=150&after=${s.middleCursor}`,
    ),
    both(
      'busy stage submissions, last page',
      `${P}/stages/${s.busyStage}/submissions?${life}&page=${s.busyLastPage}`,
    ),
    both('busy stage submissions, past the end', `${P}/stages/${s.busyStage}/submissions?${life}&page=99999`),
    both('campaign submissions', `${P}/campaigns/${s.campaign}/submissions`),
    both('submission page', `${P}/submissions/${s.submission}`),
    both('stage files', `${P}/stages/${s.medianStage}/files`),
    both('campaign files', `${P}/campaigns/${s.campaign}/files`),
    both('progress', `${P}/campaigns/${s.campaign}/progress`),
    both('time bars', `${P}/campaigns/${s.campaign}/timeline`),
    both('shifter view', `${P}/shifter`),
    both('overview (by files)', `${P}/overview?sort=files&dir=desc`),
    both('overview (by name)', `${P}/overview`),
    {
      name: 'poms_client show_campaigns',
      page: '/poms/show_campaigns?experiment=samdev&fmt=json',
      json: '/poms/show_campaigns?experiment=samdev&fmt=json',
    },
    {
      name: 'poms_client campaign_list_json',
      page: '/poms/campaign_list_json?experiment=samdev',
      json: '/poms/campaign_list_json?experiment=samdev',
    },
  ];
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function timed(get: Get, path: string) {
  let last = { status: 0, bytes: 0 };
  for (let i = 0; i < WARM; i++) last = await get(path);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await get(path);
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), bytes: last.bytes, status: last.status };
}

/** Statements of one request, and the time they take run alone (the page's SQL floor). */
async function statementsAndFloor(db: Knex, base: string, path: string, headers: Record<string, string>) {
  await fetch(base + path, { headers });
  const seen: Array<{ sql: string; bindings: unknown[]; options: Record<string, unknown> }> = [];
  const on = (q: { sql: string; bindings?: unknown[]; options?: Record<string, unknown> }) =>
    seen.push({ sql: q.sql, bindings: q.bindings ?? [], options: q.options ?? {} });
  db.on('query', on);
  try {
    await (await fetch(base + path, { headers })).arrayBuffer();
  } finally {
    db.off('query', on);
  }
  const reads = seen.filter((q) => /^\s*(select|with)/i.test(q.sql));
  const ms: number[] = [];
  const each: number[][] = reads.map(() => []);
  for (let i = 0; i < Math.max(5, Math.floor(RUNS / 2)); i++) {
    const t = performance.now();
    for (const [k, q] of reads.entries()) {
      const t1 = performance.now();
      // A statement the app runs prepared (src/db/prepared.ts) is replayed by the same name, as
      // PostgreSQL then skips its parse and plan here too.
      await db.raw(q.sql.replace(/\$\d+/g, '?'), q.bindings as never).options(q.options);
      each[k].push(performance.now() - t1);
    }
    ms.push(performance.now() - t);
  }
  if (VERBOSE) {
    console.log(`\n${path}`);
    for (const [k, q] of reads.entries()) {
      if (EXPLAIN) {
        const plan = await db.raw(
          `explain (analyze, buffers) ${q.sql.replace(/\$\d+/g, '?')}`,
          q.bindings as never,
        );
        console.log(
          (plan.rows as Array<Record<string, string>>).map((r) => `      | ${r['QUERY PLAN']}`).join('\n'),
        );
      }
      console.log(
        `  ${quantile(each[k], 0.5).toFixed(1).padStart(7)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    }
  }
  return { statements: seen.length, floor: quantile(ms, 0.5) };
}

/** Every page and its JSON twin: SQL from an in-process app, timings from the app in its own process. */
async function pageRows(db: Knex, url: string, pages: ReturnType<typeof pagesOf>) {
  // SQL statements and floors, from an in-process app on the same database.
  const config = loadConfig(
    {},
    {
      server: { port: 0, log_level: 'silent' },
      database: { url },
      loops: { enabled: false },
      sim: { enabled: false },
    },
  );
  const services = createServices({ db, config });
  const inproc = createApp(services, config);
  const server = await new Promise<ReturnType<typeof inproc.listen>>((ok) => {
    const s = inproc.listen(0, '127.0.0.1', () => ok(s));
  });
  const ibase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const icookie = await signIn(ibase, 'producer');
  const sql: Record<string, { statements: number; floor: number }> = {};
  for (const p of pages) {
    sql[`${p.name}|page`] = await statementsAndFloor(db, ibase, p.page, { cookie: icookie });
    sql[`${p.name}|json`] = await statementsAndFloor(db, ibase, p.json, { 'x-remote-user': 'producer' });
  }
  server.closeAllConnections();
  server.close();
  await services.stop();

  // Timings against the app as a user starts it (its own process, loops off).
  const base = `http://127.0.0.1:${PORT}`;
  const app = startApp({ DATABASE_URL: url, PORT: String(PORT) });
  await waitFor(base, '/health');
  const cookie = await signIn(base, 'producer');
  await waitFor(base, `${P}/campaigns`, { cookie });
  const page = client(base, { cookie });
  const json = client(base, { 'x-remote-user': 'producer', accept: 'application/json' });
  const rows: Array<Record<string, unknown>> = [];
  for (const p of pages)
    for (const [kind, get, path] of [
      ['page', page, p.page],
      ['json', json, p.json],
    ] as const) {
      const t = await timed(get, path);
      const s = sql[`${p.name}|${kind}`];
      rows.push({ page: p.name, kind, ...t, ...s, path });
    }
  // What any request costs that touches nothing (no sign-in, no SQL, a 11-byte body): the HTTP
  // round trip through this client, the app's middleware and the socket.
  const roundTripMs = (await timed(json, '/health/live')).p50;
  const rss = Math.max(...rssMiB(app.child.pid!));
  await app.stop();
  return { rows, rss, roundTripMs };
}

function printRows(rows: Array<Record<string, unknown>>) {
  console.log(
    `${'page'.padEnd(40)} ${'kind'.padEnd(4)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'stmts'.padStart(5)} ${'floor ms'.padStart(8)} ${'bytes'.padStart(9)} status`,
  );
  for (const r of rows)
    console.log(
      `${String(r.page).padEnd(40)} ${String(r.kind).padEnd(4)} ${(r.p50 as number).toFixed(1).padStart(8)} ${(r.p95 as number).toFixed(1).padStart(8)} ${String(r.statements).padStart(5)} ${(r.floor as number).toFixed(1).padStart(8)} ${String(r.bytes).padStart(9)} ${r.status}`,
    );
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Every part, or those BENCH_PARTS names (comma-separated: pages, throughput, cold, lens), so one
 * figure can be re-measured alone.
 */
export async function pagesBench(url: string) {
  const parts = new Set(
    (process.env.BENCH_PARTS ?? (QUICK ? 'pages' : 'pages,throughput,cold,lens')).split(','),
  );
  const db = createDb({ url, poolMax: 4 });
  const shape = await shapeOf(db);
  console.log(`\npages on ${shape.scale} (${shape.submissions} submissions): ${JSON.stringify(shape)}`);
  spawnSync(process.execPath, ['scripts/built.mjs', 'build-if-stale'], { stdio: 'inherit' });
  const out: Record<string, unknown> = { at: new Date().toISOString(), shape, runs: RUNS };
  if (parts.has('pages')) {
    const pages = pagesOf(shape).filter((p) => !ONLY || ONLY.test(p.name));
    const { rows, rss, roundTripMs } = await pageRows(db, url, pages);
    printRows(rows);
    console.log(`a request that touches nothing (/health/live): ${roundTripMs.toFixed(2)} ms`);
    console.log(`app RSS after the page runs (one process): ${rss.toFixed(0)} MiB`);
    Object.assign(out, { rows, rssMiB: rss, roundTripMs });
  }
  if (parts.has('throughput')) {
    const path = `${P}/stages/${shape.busyStage}`;
    out.throughput = await throughputBench(db, { url, port: PORT, path });
    printThroughput(out.throughput as Awaited<ReturnType<typeof throughputBench>>);
  }
  if (parts.has('cold')) {
    out.coldStart = await coldStartBench(url, PORT);
    printColdStart(out.coldStart as Awaited<ReturnType<typeof coldStartBench>>);
  }
  if (parts.has('lens')) {
    const lensPoll = await lensPollBench(db, 'samdev');
    console.log(
      `one Lens poll (the median of ${lensPoll.pollsMs.length}: ${lensPoll.pollsMs.map(sec).join(', ')}): ${lensPoll.seen} unfinished submissions (of ${lensPoll.active} active) read and applied in ${(lensPoll.totalMs / 1000).toFixed(2)} s (Lens over HTTP ${(lensPoll.lensMs / 1000).toFixed(2)} s; in flight: Lens alone ${sec(lensPoll.inFlightMs.lensOnly)}, the database alone ${sec(lensPoll.inFlightMs.dbOnly)}, both ${sec(lensPoll.inFlightMs.both)}, neither ${sec(lensPoll.inFlightMs.neither)}), ${lensPoll.changed} status changes`,
    );
    out.lensPoll = lensPoll;
  }
  await db.destroy();
  fs.mkdirSync('var', { recursive: true });
  const partial = ONLY || parts.size < 4;
  const file = `var/bench-${shape.scale}${partial ? '-partial' : ''}.json`;
  fs.writeFileSync(file, JSON.stringify(out, null, 2));
  console.log(`written ${file}`);
  console.log(formatTargets(evaluateTargets(out as BenchRun, otherScale(shape.scale)), shape.scale));
}

/** At LARGE, the last full SMALL run on record (for LARGE/SMALL per page). */
function otherScale(scale: string): BenchRun | undefined {
  const file = 'var/bench-small.json';
  if (scale !== 'large' || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BenchRun;
}
