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

/**
 * A binary min-heap on (at, seq): scheduling and taking the next event cost log n, however many
 * events are pending (a busy world has thousands: every running job's next step, every output's
 * location).
 */
export class Agenda {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  constructor(saved?: { events: SimEvent[]; seq: number }) {
    if (saved) {
      for (const e of saved.events) this.push({ ...e });
      this.seq = saved.seq;
    }
  }

  schedule(e: Omit<SimEvent, 'seq'>): SimEvent {
    const event = { ...e, seq: this.seq++ };
    this.push(event);
    return event;
  }

  nextDue(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns the first event due at or before `now`. */
  takeDue(now: number): SimEvent | undefined {
    const h = this.heap;
    if (h.length === 0 || h[0].at > now) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      this.down(0);
    }
    return top;
  }

  get size(): number {
    return this.heap.length;
  }

  /** In due order (the saved form). */
  toJSON(): { events: SimEvent[]; seq: number } {
    return { events: [...this.heap].sort(order), seq: this.seq };
  }

  private push(e: SimEvent): void {
    const h = this.heap;
    let i = h.push(e) - 1;
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (order(h[parent], e) <= 0) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = e;
  }

  private down(i: number): void {
    const h = this.heap;
    const e = h[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const c = l + 1 < h.length && order(h[l + 1], h[l]) < 0 ? l + 1 : l;
      if (order(h[c], e) >= 0) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = e;
  }
}

function order(a: SimEvent, b: SimEvent): number {
  return a.at - b.at || a.seq - b.seq;
}
