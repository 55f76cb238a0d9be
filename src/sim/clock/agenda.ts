// The world's pending events, ordered by virtual time then by scheduling order. Events are plain
// data (persisted with the world); the world dispatches them by `kind`.

export interface SimEvent {
  /** Virtual time, ms since the epoch. */
  at: number;
  /** Scheduling order: breaks ties so equal times run first-scheduled first. */
  seq: number;
  kind: string;
  /** What the event is about (a job key, a file name…). */
  key: string;
  /**
   * The owner's epoch when scheduled. An owner that changes state by another route (hold, rm)
   * bumps its epoch, so its stale events are skipped instead of cancelled.
   */
  epoch?: number;
  /** Experiment or other context the handler needs. */
  scope?: string;
}

export class Agenda {
  private events: SimEvent[] = [];
  private seq = 0;

  constructor(saved?: { events: SimEvent[]; seq: number }) {
    if (saved) {
      this.events = [...saved.events].sort(order);
      this.seq = saved.seq;
    }
  }

  schedule(e: Omit<SimEvent, 'seq'>): SimEvent {
    const event = { ...e, seq: this.seq++ };
    // binary search for the insertion point keeps the array sorted
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(this.events[mid], event) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.events.splice(lo, 0, event);
    return event;
  }

  nextDue(): number | undefined {
    return this.events[0]?.at;
  }

  /** Removes and returns the first event due at or before `now`. */
  takeDue(now: number): SimEvent | undefined {
    if (this.events.length === 0 || this.events[0].at > now) return undefined;
    return this.events.shift();
  }

  get size(): number {
    return this.events.length;
  }

  toJSON(): { events: SimEvent[]; seq: number } {
    return { events: this.events, seq: this.seq };
  }
}

function order(a: SimEvent, b: SimEvent): number {
  return a.at - b.at || a.seq - b.seq;
}
