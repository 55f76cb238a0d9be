import type { Knex } from 'knex';

export interface BucketDecision {
  allowed: boolean;
  /** Seconds until one request is allowed again (0 when allowed). */
  retryAfterS: number;
}

// Token buckets in PostgreSQL, shared by every app process: `rate` tokens per second refill a
// bucket of `burst`; one upsert refills by the time elapsed on the database's clock and takes a
// token when one is there, so the row lock makes concurrent takes from any process queue up and
// together never exceed the rate.
const REFILL = `least(:burst, b.level + extract(epoch from (clock_timestamp() - b.at)) * :rate)`;
const TAKE = `
  insert into rate_buckets as b (bucket, level, allowed, at)
  values (:bucket, :burst - 1, true, clock_timestamp())
  on conflict (bucket) do update set
    allowed = ${REFILL} >= 1,
    level = case when ${REFILL} >= 1 then ${REFILL} - 1 else ${REFILL} end,
    at = clock_timestamp()
  returning allowed, level`;

export function rateBucketStore(db: Knex) {
  return {
    async take(bucket: string, rate: number, burst: number): Promise<BucketDecision> {
      const res = await db.raw(TAKE, { bucket, rate, burst });
      const row = (res.rows ?? res)[0] as { allowed: boolean; level: number };
      if (row.allowed) return { allowed: true, retryAfterS: 0 };
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - Number(row.level)) / rate)) };
    },
    /** Forgets buckets idle for `idleMs` (full again by then, when idleMs ≥ burst / rate). */
    async prune(idleMs: number): Promise<number> {
      const gone = await db('rate_buckets')
        .whereRaw(`at < clock_timestamp() - ? * interval '1 millisecond'`, [idleMs])
        .delete('bucket');
      return gone.length;
    },
  };
}
export type RateBucketStore = ReturnType<typeof rateBucketStore>;
