// Stage-page throughput as a site serves it: the app in its own process(es) — one, and `[server]
// workers` = BENCH_WORKERS (default one per CPU) behind one port — with 1, 4 and 8 clients, each
// sending its next request when the last answered. Beside requests/s, the CPU milliseconds each
// request cost in the app's processes, in PostgreSQL's backends and in this client: on a shared
// machine those say more than the wall clock does.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { client, cpuSeconds, processTree, signIn, startApp, waitFor, type Get } from './app-process.js';

export interface ThroughputRow {
  workers: number;
  clients: number;
  rps: number;
  errors: number;
  /** CPU ms per request: app processes, PostgreSQL backends, this benchmark client. */
  cpuMsApp: number;
  cpuMsDb: number;
  cpuMsClient: number;
}

async function backends(db: Knex): Promise<number[]> {
  const r = await db.raw(
    `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
  );
  return (r.rows as Array<{ pid: number }>).map((x) => x.pid);
}

async function run(get: Get, path: string, clients: number, seconds: number) {
  let done = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const r = await get(path);
        if (r.status === 200) done++;
        else errors++;
      }
    }),
  );
  return { done, errors };
}

export async function throughputBench(
  db: Knex,
  opts: { url: string; port: number; path: string; seconds?: number },
): Promise<ThroughputRow[]> {
  const seconds = opts.seconds ?? 5;
  const many = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());
  const rows: ThroughputRow[] = [];
  for (const workers of [...new Set([1, many])]) {
    const base = `http://127.0.0.1:${opts.port}`;
    const app = startApp({
      DATABASE_URL: opts.url,
      PORT: String(opts.port),
      POMS_SERVER_WORKERS: String(workers),
    });
    try {
      await waitFor(base, '/health');
      const cookie = await signIn(base, 'producer');
      const get = client(base, { cookie });
      await waitFor(base, opts.path, { cookie });
      // Every process warm (JIT): with a 1 s warm-up two workers each ran half-compiled code and
      // their requests cost 1.5–2x the CPU of one warm process's.
      await run(get, opts.path, 8, 10 * workers);
      for (const clients of [1, 4, 8]) {
        const pids = processTree(app.child.pid!);
        const pg = await backends(db);
        const [a0, d0, c0] = [cpuSeconds(pids), cpuSeconds(pg), process.cpuUsage()];
        const r = await run(get, opts.path, clients, seconds);
        const c1 = process.cpuUsage(c0);
        const per = (s: number) => (r.done ? (s * 1000) / r.done : 0);
        rows.push({
          workers,
          clients,
          rps: r.done / seconds,
          errors: r.errors,
          cpuMsApp: per(cpuSeconds(pids) - a0),
          cpuMsDb: per(cpuSeconds(pg) - d0),
          cpuMsClient: per((c1.user + c1.system) / 1e6),
        });
      }
    } finally {
      await app.stop();
    }
  }
  return rows;
}

export function printThroughput(rows: ThroughputRow[]): void {
  console.log('stage page throughput (CPU ms per request: app / PostgreSQL / client)');
  for (const r of rows)
    console.log(
      `  ${String(r.workers).padStart(2)} process(es), ${r.clients} client(s): ${r.rps.toFixed(1).padStart(6)} req/s` +
        `  cpu ${r.cpuMsApp.toFixed(1)} / ${r.cpuMsDb.toFixed(1)} / ${r.cpuMsClient.toFixed(1)} ms` +
        (r.errors ? `, ${r.errors} non-200` : ''),
    );
}
