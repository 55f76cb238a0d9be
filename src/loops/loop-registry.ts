import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { LoopStore } from '../db/stores/loop-store.js';

export interface LoopContext {
  /**
   * Aborted when the process stops or the run loses its lease (another process took the loop):
   * a run checks it before each write (`signal.throwIfAborted()`), so it stops at a safe point.
   */
  signal: AbortSignal;
  log: Logger;
}

export interface LoopSpec {
  name: string;
  /** Pause between the end of one run and the start of the next, in ms. */
  intervalMs: number;
  /** Up to this many ms are added at random to each pause, so processes do not run in step. */
  jitterMs?: number;
  /**
   * Lease length; the holder renews it every third of it while a run goes on, so another process
   * takes the loop over within one lease of the holder dying. Default 2 min.
   */
  leaseMs?: number;
  /** Returns a one-line summary stored with the run. */
  run: (ctx: LoopContext) => Promise<string | void>;
}

/** One finished run of a loop in this process (for the metrics). */
export interface LoopRun {
  loop: string;
  ok: boolean;
  /** Wall time of the run, in ms. */
  ms: number;
}

export interface LoopStatus {
  name: string;
  intervalMs: number;
  running: boolean;
  lastRunAt: Date | null;
  lastOk: boolean | null;
  lastResult: string | null;
  nextRunAt: Date | null;
}

interface Entry {
  spec: LoopSpec;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  nextRunAt: Date | null;
}

/**
 * Runs background loops: never two runs of one loop at once (in this process: a flag; across
 * processes: a lease row in loop_state), each run recorded in loop_runs, "run now", and an ordered
 * stop that aborts and waits for running work.
 */
export class LoopRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly abort = new AbortController();
  private started = false;
  private readonly runListeners: Array<(r: LoopRun) => void> = [];
  /** Unique per registry: host, process id and a random part (two registries in one process differ). */
  readonly runner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly store: LoopStore,
    private readonly log: Logger,
    private readonly random: () => number = Math.random,
    /** Lease of loops that set none ([loops] lease_s). */
    private readonly defaultLeaseMs = 120_000,
  ) {}

  register(spec: LoopSpec): void {
    if (this.entries.has(spec.name)) throw new Error(`loop ${spec.name} is registered twice`);
    this.entries.set(spec.name, { spec, nextRunAt: null });
    if (this.started) this.schedule(spec.name, 0);
  }

  /** Calls `listener` after each run this process makes. */
  onRun(listener: (r: LoopRun) => void): void {
    this.runListeners.push(listener);
  }

  /** The loops with a run going on in this process now. */
  runningHere(): string[] {
    return [...this.entries.values()].filter((e) => e.running).map((e) => e.spec.name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  start(): void {
    this.started = true;
    for (const name of this.entries.keys()) this.schedule(name, this.jitter(this.entries.get(name)!.spec));
  }

  /** Runs a loop now (if it is not already running here) and resolves with its outcome. */
  async runNow(name: string): Promise<{ ran: boolean; ok?: boolean; result?: string }> {
    const e = this.entries.get(name);
    if (!e) throw new Error(`no loop named ${name}`);
    if (e.running) {
      await e.running;
      return { ran: false };
    }
    return this.execute(e);
  }

  async status(): Promise<LoopStatus[]> {
    const states = new Map((await this.store.all()).map((s) => [s.loop, s]));
    return [...this.entries.values()].map((e) => {
      const s = states.get(e.spec.name);
      return {
        name: e.spec.name,
        intervalMs: e.spec.intervalMs,
        running: !!e.running,
        lastRunAt: s?.last_run_at ?? null,
        lastOk: s?.last_ok ?? null,
        lastResult: s?.last_result ?? null,
        nextRunAt: e.nextRunAt,
      };
    });
  }

  /** Stops scheduling, aborts running work and waits for it, in registration order. */
  async stop(): Promise<void> {
    this.started = false;
    this.abort.abort();
    for (const e of this.entries.values()) {
      clearTimeout(e.timer);
      e.nextRunAt = null;
      await e.running?.catch(() => {});
    }
  }

  private jitter(spec: LoopSpec): number {
    return Math.floor(this.random() * (spec.jitterMs ?? 0));
  }

  private schedule(name: string, delayMs: number): void {
    const e = this.entries.get(name)!;
    clearTimeout(e.timer);
    if (!this.started) return;
    e.nextRunAt = new Date(Date.now() + delayMs);
    e.timer = setTimeout(() => {
      void this.execute(e).finally(() => this.schedule(name, e.spec.intervalMs + this.jitter(e.spec)));
    }, delayMs);
    e.timer.unref?.();
  }

  private execute(e: Entry): Promise<{ ran: boolean; ok?: boolean; result?: string }> {
    if (e.running) return e.running.then(() => ({ ran: false }));
    let outcome: { ran: boolean; ok?: boolean; result?: string } = { ran: false };
    const work = (async () => {
      const { name, leaseMs = this.defaultLeaseMs } = e.spec;
      const log = this.log.child({ loop: name });
      const held = await this.store.claim(name, this.runner, leaseMs).catch((err: unknown) => {
        log.warn({ err }, 'loop lease claim failed');
        return false;
      });
      if (!held) return;
      const runId = await this.store.start(name, this.runner);
      const lost = new AbortController();
      const loseLease = (why: string, err?: unknown) => {
        if (lost.signal.aborted) return;
        log.warn({ err }, why);
        lost.abort(new Error(`${name}: ${why}`));
      };
      const renewal = setInterval(
        () =>
          void this.store.renew(name, this.runner, leaseMs).then(
            (ok) => ok || loseLease('loop lease lost to another process; the run stops'),
            (err: unknown) => loseLease('loop lease could not be renewed; the run stops', err),
          ),
        Math.max(10, Math.floor(leaseMs / 3)),
      );
      const signal = AbortSignal.any([this.abort.signal, lost.signal]);
      const t0 = performance.now();
      const record = async (ok: boolean, result: string) => {
        clearInterval(renewal);
        const mine = await this.store.finish(runId, name, this.runner, ok, result);
        if (!mine)
          log.warn(
            { result },
            'loop run ended after its lease was lost; the loop state is left to its new holder',
          );
      };
      try {
        const result = (await e.spec.run({ signal, log })) ?? 'ok';
        await record(true, result);
        outcome = { ran: true, ok: true, result };
      } catch (err) {
        const result = (err as Error).message ?? String(err);
        log.warn({ err }, 'loop run failed');
        await record(false, result).catch(() => {});
        outcome = { ran: true, ok: false, result };
      } finally {
        clearInterval(renewal);
        for (const l of this.runListeners)
          l({ loop: name, ok: outcome.ok === true, ms: performance.now() - t0 });
        await this.store.release(name, this.runner).catch(() => {});
      }
    })();
    e.running = work.finally(() => {
      e.running = undefined;
    });
    return e.running.then(() => outcome);
  }
}
