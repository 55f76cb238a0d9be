// In-memory token buckets, one per key (an API token): `rate` requests per second refill a bucket
// of `burst`. Per process: with several processes each allows the full rate (stated in the docs).

export interface BucketDecision {
  allowed: boolean;
  /** Seconds until one request is allowed again (0 when allowed). */
  retryAfterS: number;
}

const IDLE_MS = 10 * 60_000;

export class TokenBuckets {
  private readonly buckets = new Map<string | number, { level: number; at: number }>();
  private lastSweep = 0;

  constructor(
    readonly rate: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string | number): BucketDecision {
    const t = this.now();
    this.sweep(t);
    const b = this.buckets.get(key) ?? { level: this.burst, at: t };
    b.level = Math.min(this.burst, b.level + ((t - b.at) / 1000) * this.rate);
    b.at = t;
    this.buckets.set(key, b);
    if (b.level >= 1) {
      b.level -= 1;
      return { allowed: true, retryAfterS: 0 };
    }
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - b.level) / this.rate)) };
  }

  /** Forgets buckets idle long enough to be full again (bounded memory). */
  private sweep(t: number) {
    if (t - this.lastSweep < IDLE_MS) return;
    this.lastSweep = t;
    for (const [k, b] of this.buckets) if (t - b.at > IDLE_MS) this.buckets.delete(k);
  }
}
