import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** Exit codes of a start that cannot succeed by trying again (bad config, database, port). */
const STARTUP_FAILURES = new Set([2, 3, 4]);
/** A worker that dies this soon after it started is not replaced more than RESTART_BURST times in a row. */
const QUICK_DEATH_MS = 10_000;
const RESTART_BURST = 5;

/**
 * The primary of `[server] workers = N`: forks N copies of the application (node:cluster), which
 * share one listening port. The first is forked alone and the others once it listens, so only it
 * applies pending migrations and the first page is as fast as with one process. A worker that dies
 * is replaced (a start-up failure stops everything with its exit code); SIGTERM/SIGINT are passed
 * on and the primary exits when every worker has stopped. Loops need nothing here: each worker runs
 * them under the leases in loop_state, so one process at a time runs each loop.
 */
export function superviseWorkers(n: number, log: Logger): void {
  let stopping = false;
  let exitCode = 0;
  const started = new Map<number, number>();
  let quickDeaths = 0;
  const fork = (): Worker => {
    const w = cluster.fork();
    started.set(w.id, Date.now());
    return w;
  };
  const first = fork();
  first.once('listening', () => {
    for (let i = 1; i < n; i++) fork();
    log.info({ workers: n }, 'worker processes started');
  });
  cluster.on('exit', (w, code, signal) => {
    const lived = Date.now() - (started.get(w.id) ?? 0);
    started.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    if (code !== null && STARTUP_FAILURES.has(code)) return stopAll(code);
    quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
    if (quickDeaths > RESTART_BURST) {
      log.error({ pid: w.process.pid, code, signal }, 'workers keep dying at start: stopping');
      return stopAll(1);
    }
    log.warn({ pid: w.process.pid, code, signal }, 'worker process died: starting another');
    fork();
  });
  const stopAll = (code: number) => {
    stopping = true;
    exitCode = code;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (!alive.length) process.exit(code);
    for (const w of alive) w.process.kill('SIGTERM');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (stopping) return;
      log.info({ signal }, 'stopping worker processes');
      stopAll(0);
    });
}

/** True in the process that prints the start-up line (the only one, or the first worker). */
export const isFirstProcess = (): boolean => cluster.isPrimary || cluster.worker?.id === 1;
