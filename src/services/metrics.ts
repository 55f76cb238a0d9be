import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LoopRegistry } from '../loops/loop-registry.js';
import { EXTERNAL_SERVICES, type ExternalCalls } from './external-calls.js';
import type { LaunchRunner } from './launch/launch-runner.js';

export interface MetricsDeps {
  db: Knex;
  calls: ExternalCalls;
  loops: LoopRegistry;
  runner: LaunchRunner;
}

/** Seconds: from a fast page to a slow launch host. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

interface KnexPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/**
 * This process's metrics in Prometheus text (GET /metrics), one registry per createServices (no
 * global state). Counters count what this process did; the gauges read from the database
 * (submissions by status, loop lag) show the same numbers from every process.
 */
export function createMetrics(deps: MetricsDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'poms_' });

  const httpLabels = ['method', 'route', 'status'] as const;
  const httpRequests = new Counter({
    name: 'poms_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames: httpLabels,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'poms_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and status',
    labelNames: httpLabels,
    buckets: BUCKETS,
    registers: [registry],
  });

  const loopRuns = new Counter({
    name: 'poms_loop_runs_total',
    help: 'Background loop runs made by this process, by loop and outcome (ok, failed)',
    labelNames: ['loop', 'outcome'],
    registers: [registry],
  });
  const loopFailures = new Counter({
    name: 'poms_loop_failures_total',
    help: 'Background loop runs that failed in this process',
    labelNames: ['loop'],
    registers: [registry],
  });
  const loopDuration = new Histogram({
    name: 'poms_loop_run_duration_seconds',
    help: 'Duration of background loop runs in this process',
    labelNames: ['loop'],
    buckets: BUCKETS,
    registers: [registry],
  });
  deps.loops.onRun(({ loop, ok, ms }) => {
    loopRuns.inc({ loop, outcome: ok ? 'ok' : 'failed' });
    if (!ok) loopFailures.inc({ loop });
    loopDuration.observe({ loop }, ms / 1000);
  });
  new Gauge({
    name: 'poms_loop_lag_seconds',
    help: 'How far each loop is behind: seconds since its last run (by any process) beyond its interval',
    labelNames: ['loop'],
    registers: [registry],
    async collect() {
      this.reset();
      const now = Date.now();
      for (const l of await deps.loops.status()) {
        const last = l.lastRunAt ? new Date(l.lastRunAt).getTime() : null;
        if (last !== null) this.set({ loop: l.name }, Math.max(0, (now - last - l.intervalMs) / 1000));
      }
    },
  });

  const launches = new Counter({
    name: 'poms_launches_total',
    help: 'Launches finished by this process, by outcome (submitted, failed)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  for (const outcome of ['submitted', 'failed']) launches.inc({ outcome }, 0);
  deps.runner.outcomes.push((outcome) => launches.inc({ outcome }));

  const externalDuration = new Histogram({
    name: 'poms_external_call_duration_seconds',
    help: 'Calls to SAM, Lens, launch hosts (ssh), MetaCat, Data Dispatcher and Rucio, by operation and outcome (ok, error)',
    labelNames: ['service', 'operation', 'outcome'],
    buckets: BUCKETS,
    registers: [registry],
  });
  const externalErrors = new Counter({
    name: 'poms_external_call_errors_total',
    help: 'Failed calls to SAM, Lens, launch hosts (ssh), MetaCat, Data Dispatcher and Rucio',
    labelNames: ['service'],
    registers: [registry],
  });
  for (const service of EXTERNAL_SERVICES) externalErrors.inc({ service }, 0);
  deps.calls.onCall((c) => {
    externalDuration.observe(
      { service: c.service, operation: c.operation, outcome: c.ok ? 'ok' : 'error' },
      c.ms / 1000,
    );
    if (!c.ok) externalErrors.inc({ service: c.service });
  });

  new Gauge({
    name: 'poms_submissions',
    help: 'Submissions by status (all experiments, from the database)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = (await deps
        .db('stage_status_counts')
        .select('status')
        .sum({ n: 'n' })
        .groupBy('status')) as Array<{ status: string; n: string | number }>;
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });

  new Gauge({
    name: 'poms_db_pool_connections',
    help: 'Database pool connections of this process, by state (used, free, pending acquires)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = (deps.db.client as { pool?: KnexPool }).pool;
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires());
    },
  });

  return {
    registry,
    /** Records one answered request; `route` is the matched pattern, never the raw path. */
    observeHttp(method: string, route: string, status: number, seconds: number) {
      const labels = { method, route, status: String(status) };
      httpRequests.inc(labels);
      httpDuration.observe(labels, seconds);
    },
    contentType: registry.contentType,
    text: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
