import os from 'node:os';
import type { Logger } from 'pino';
import { heartbeatStore, type HeartbeatRow } from '../db/stores/heartbeat-store.js';
import type { Knex } from 'knex';
import type { LoopRegistry } from '../loops/loop-registry.js';
import type { ExternalCalls, ServiceState } from './external-calls.js';

export interface ProcessView {
  runner: string;
  host: string;
  pid: number;
  startedAt: Date;
  seenAt: Date;
  /** Seen within three beats (database clock); this process is always live. */
  live: boolean;
  self: boolean;
  loopsRunning: string[];
  services: ServiceState[];
}

const revive = (s: ServiceState): ServiceState => ({
  ...s,
  lastSuccessAt: s.lastSuccessAt ? new Date(s.lastSuccessAt) : null,
  lastErrorAt: s.lastErrorAt ? new Date(s.lastErrorAt) : null,
});

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a >= b ? a : b);

/** Each service over the live processes: calls and errors summed, the latest success and error. */
export function mergeServiceStates(processes: ProcessView[]): ServiceState[] {
  const out = new Map<string, ServiceState>();
  for (const p of processes.filter((q) => q.live))
    for (const s of p.services) {
      const m = out.get(s.service);
      if (!m) {
        out.set(s.service, { ...s });
        continue;
      }
      m.calls += s.calls;
      m.errors += s.errors;
      m.lastSuccessAt = later(m.lastSuccessAt, s.lastSuccessAt);
      if (s.lastErrorAt && (!m.lastErrorAt || s.lastErrorAt > m.lastErrorAt)) {
        m.lastErrorAt = s.lastErrorAt;
        m.lastError = s.lastError;
      }
    }
  return [...out.values()];
}

/**
 * This process's heartbeat row (every `intervalMs` while started, removed at stop) and the view of
 * every process sharing the database, for root's status page.
 */
export class ProcessHeartbeat {
  private timer?: NodeJS.Timeout;
  private readonly startedAt = new Date();
  private readonly store;

  constructor(
    db: Knex,
    private readonly calls: ExternalCalls,
    private readonly loops: LoopRegistry,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {
    this.store = heartbeatStore(db);
  }

  beat(): Promise<void> {
    return this.store.beat({
      runner: this.loops.runner,
      host: os.hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
      services: this.calls.states(),
      loopsRunning: this.loops.runningHere(),
    });
  }

  async start(): Promise<void> {
    await this.beat().catch((err: unknown) => this.log.warn({ err }, 'heartbeat not written'));
    this.timer = setInterval(
      () => void this.beat().catch((err: unknown) => this.log.warn({ err }, 'heartbeat not written')),
      this.intervalMs,
    );
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.store.remove(this.loops.runner).catch(() => {});
  }

  /** Every process seen in the last day; this one from memory (as of now), even before its first beat. */
  async processes(): Promise<ProcessView[]> {
    const rows: HeartbeatRow[] = await this.store.all(3 * this.intervalMs);
    const self: ProcessView = {
      runner: this.loops.runner,
      host: os.hostname(),
      pid: process.pid,
      startedAt: this.startedAt,
      seenAt: new Date(),
      live: true,
      self: true,
      loopsRunning: this.loops.runningHere(),
      services: this.calls.states(),
    };
    return [
      self,
      ...rows
        .filter((r) => r.runner !== self.runner)
        .map((r) => ({
          runner: r.runner,
          host: r.host,
          pid: r.pid,
          startedAt: r.started_at,
          seenAt: r.seen_at,
          live: r.live,
          self: false,
          loopsRunning: r.loops_running,
          services: (r.services as ServiceState[]).map(revive),
        })),
    ];
  }
}
