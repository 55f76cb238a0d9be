// The simulator's one clock. It keeps POMS's calendar: no file, project or job time it hands out
// lies in POMS's future (docs/numbers.md, "One clock"). Modes:
//   'real'          now = wall time; durations as drawn;
//   { speed: N }    now = wall time; durations compressed N× (a 2 h job lasts 2 min), dates never;
//   'manual'        now moves only through advance(ms): deterministic, for tests. Whoever runs POMS
//                   beside it follows it (onMove), so POMS's "now" is this clock's now.
// A driver (the world's agenda) is run whenever now passes its next due event: in manual mode each
// event runs with now() equal to its own due time, in timed modes as soon as a timer fires.

export type ClockMode = 'real' | { speed: number } | 'manual';

export interface ClockDriver {
  /** Virtual ms of the earliest pending event, if any. */
  nextDueMs(): number | undefined;
  /** Runs every event due at or before `nowMs`, in order (including ones scheduled meanwhile). */
  runDue(nowMs: number): void;
}

interface Sleeper {
  at: number;
  resolve: () => void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export class SimClock {
  readonly mode: 'real' | 'accelerated' | 'manual';
  /** Virtual ms per wall ms (1 in real mode; 0 in manual mode: wall time does not move it). */
  readonly speed: number;
  private baseVirtual: number;
  private readonly moveListeners: Array<(nowMs: number) => void> = [];
  private driver: ClockDriver | undefined;
  private sleepers: Sleeper[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    mode: ClockMode,
    startMs: number,
    private readonly wallNow: () => number = Date.now,
  ) {
    this.mode = mode === 'manual' ? 'manual' : mode === 'real' ? 'real' : 'accelerated';
    this.speed = mode === 'manual' ? 0 : mode === 'real' ? 1 : mode.speed;
    if (this.mode === 'accelerated' && !(this.speed > 0)) throw new RangeError('clock speed must be > 0');
    // Timed modes ignore startMs (a saved world's time included): the calendar is the wall's.
    this.baseVirtual = startMs;
  }

  nowMs(): number {
    if (this.mode === 'manual') return this.baseVirtual;
    return this.wallNow();
  }

  /** A simulated duration as it passes on this clock: divided by the speed in accelerated mode. */
  compress(ms: number): number {
    return this.mode === 'accelerated' ? Math.ceil(ms / this.speed) : ms;
  }

  /** Manual mode: `listener(now)` runs whenever now moves (each event's due time, then the target). */
  onMove(listener: (nowMs: number) => void): void {
    this.moveListeners.push(listener);
    listener(this.nowMs());
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  attach(driver: ClockDriver): void {
    this.driver = driver;
    this.wake();
  }

  /**
   * Manual mode: moves now forward by `ms` (≥ 0), running every due event in time order, each at its
   * own due time, then settles at the target. Timed modes keep the calendar: the events due within
   * the next `ms` (compressed) run at once, stamped with the current time.
   */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    if (this.mode !== 'manual') {
      this.runDue(this.nowMs() + this.compress(ms));
      this.wake();
      return;
    }
    const target = this.baseVirtual + ms;
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > target) break;
      this.moveTo(Math.max(this.baseVirtual, due));
      this.runDue(this.baseVirtual);
    }
    this.moveTo(target);
  }

  private moveTo(ms: number): void {
    if (ms === this.baseVirtual) return;
    this.baseVirtual = ms;
    for (const l of this.moveListeners) l(ms);
  }

  /** Resolves once virtual time has passed `ms` from now (manual mode: only through advance). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ at: this.nowMs() + Math.max(0, ms), resolve });
      this.sleepers.sort((a, b) => a.at - b.at);
      this.wake();
    });
  }

  /** Re-arms the wall-clock timer after the agenda changed (no-op in manual mode). */
  wake(): void {
    if (this.mode === 'manual' || this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const due = this.nextDue();
    if (due === undefined) return;
    const wallDelay = Math.min(MAX_TIMER_MS, Math.max(0, due - this.nowMs()));
    this.timer = setTimeout(() => this.tick(), wallDelay);
    this.timer.unref();
  }

  /** Stops the timers; pending sleepers are released so nothing waits forever. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const s of this.sleepers.splice(0)) s.resolve();
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped) return;
    this.runDue(this.nowMs());
    this.wake();
  }

  private nextDue(): number | undefined {
    const a = this.driver?.nextDueMs();
    const b = this.sleepers[0]?.at;
    if (a === undefined) return b;
    return b === undefined ? a : Math.min(a, b);
  }

  private runDue(now: number): void {
    this.running = true;
    try {
      this.driver?.runDue(now);
    } finally {
      this.running = false;
    }
    while (this.sleepers.length && this.sleepers[0].at <= now) this.sleepers.shift()!.resolve();
  }
}
