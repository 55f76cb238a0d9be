import type { Knex } from 'knex';

export interface HeartbeatRow {
  runner: string;
  host: string;
  pid: number;
  started_at: Date;
  seen_at: Date;
  services: unknown[];
  loops_running: string[];
  /** Seen within the liveness window, by the database's clock. */
  live: boolean;
}

export interface Beat {
  runner: string;
  host: string;
  pid: number;
  startedAt: Date;
  services: unknown[];
  loopsRunning: string[];
}

// Process heartbeats, stamped and judged on the database's clock only (the processes' clocks may
// disagree): one upsert per beat, rows of processes gone for a day removed by any beat.
export function heartbeatStore(db: Knex) {
  return {
    async beat(b: Beat): Promise<void> {
      const row = {
        runner: b.runner,
        host: b.host,
        pid: b.pid,
        started_at: b.startedAt,
        seen_at: db.fn.now(),
        services: JSON.stringify(b.services),
        loops_running: b.loopsRunning,
      };
      await db('process_heartbeats').insert(row).onConflict('runner').merge();
      await db('process_heartbeats').whereRaw(`seen_at < now() - interval '1 day'`).delete();
    },
    /** Every process seen in the last day, the most recently started first. */
    all(liveWithinMs: number): Promise<HeartbeatRow[]> {
      return db('process_heartbeats')
        .select('*', db.raw(`seen_at > now() - ? * interval '1 millisecond' as live`, [liveWithinMs]))
        .orderBy([{ column: 'started_at', order: 'desc' }, 'runner'])
        .limit(200) as Promise<HeartbeatRow[]>;
    },
    async remove(runner: string): Promise<void> {
      await db('process_heartbeats').where({ runner }).delete();
    },
  };
}
