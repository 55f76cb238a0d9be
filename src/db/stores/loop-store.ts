import type { Knex } from 'knex';

export interface LoopStateRow {
  loop: string;
  last_success_at: Date | null;
  state: Record<string, unknown>;
  leased_by: string | null;
  leased_until: Date | null;
  last_run_at: Date | null;
  last_ok: boolean | null;
  last_result: string | null;
}

// Leases and run records for background loops. A lease is taken with one conditional upsert, so
// two processes can never both hold it; its expiry is reckoned on the database's clock only (the
// processes' own clocks may disagree), and only its holder renews it or records a run's outcome.
const leaseEnd = `now() + ? * interval '1 millisecond'`;
export function loopStore(db: Knex) {
  return {
    /** Takes (or renews) the lease for `loop` unless another runner holds an unexpired one. */
    async claim(loop: string, runner: string, leaseMs: number): Promise<boolean> {
      const rows = await db.raw(
        `insert into loop_state (loop, leased_by, leased_until) values (?, ?, ${leaseEnd})
         on conflict (loop) do update set leased_by = excluded.leased_by, leased_until = excluded.leased_until
         where loop_state.leased_until is null or loop_state.leased_until < now() or loop_state.leased_by = excluded.leased_by
         returning loop`,
        [loop, runner, leaseMs],
      );
      return (rows.rows ?? rows).length === 1;
    },
    /** Extends `runner`'s unexpired lease by `leaseMs`; false when it no longer holds it. */
    async renew(loop: string, runner: string, leaseMs: number): Promise<boolean> {
      const rows = await db.raw(
        `update loop_state set leased_until = ${leaseEnd}
         where loop = ? and leased_by = ? and leased_until > now() returning loop`,
        [leaseMs, loop, runner],
      );
      return (rows.rows ?? rows).length === 1;
    },
    async release(loop: string, runner: string): Promise<void> {
      await db('loop_state')
        .where({ loop, leased_by: runner })
        .update({ leased_by: null, leased_until: null });
    },
    async start(loop: string, runner: string): Promise<number> {
      const [row] = await db('loop_runs').insert({ loop, runner }).returning('loop_run_id');
      return row.loop_run_id as number;
    },
    /**
     * Records the run's end; the loop's last run/result only when `runner` still holds the lease
     * (false otherwise: another process owns the loop now and its record stands).
     */
    async finish(runId: number, loop: string, runner: string, ok: boolean, result: string): Promise<boolean> {
      const now = new Date();
      await db('loop_runs').where({ loop_run_id: runId }).update({ finished_at: now, ok, result });
      const n = await db('loop_state')
        .where({ loop, leased_by: runner })
        .update({
          last_run_at: now,
          last_ok: ok,
          last_result: result,
          ...(ok ? { last_success_at: now } : {}),
        });
      return n === 1;
    },
    state: (loop: string) =>
      db<LoopStateRow>('loop_state').where({ loop }).first() as Promise<LoopStateRow | undefined>,
    async saveState(loop: string, state: Record<string, unknown>): Promise<void> {
      await db('loop_state')
        .insert({ loop, state: JSON.stringify(state) })
        .onConflict('loop')
        .merge({ state: JSON.stringify(state) });
    },
    all: () => db<LoopStateRow>('loop_state').orderBy('loop') as Promise<LoopStateRow[]>,
    recentRuns: (loop: string, limit = 20) =>
      db('loop_runs').where({ loop }).orderBy('loop_run_id', 'desc').limit(limit) as Promise<
        Array<{
          loop_run_id: number;
          runner: string;
          started_at: Date;
          finished_at: Date | null;
          ok: boolean | null;
          result: string | null;
        }>
      >,
  };
}

export type LoopStore = ReturnType<typeof loopStore>;
