// Lens (Landscape) job counts of one submission → the status the poller reports.
// Counts are non-negative integers as Lens returns them; `done` = every job is terminal.

export interface LensCounts {
  running: number;
  idle: number;
  held: number;
  completed: number;
  failed: number;
  cancelled: number;
  done: boolean;
  /** Total jobs when Lens provides it; the percentage never uses a total below it. */
  njobs?: number | null;
}

export type LensStatus = 'Failed' | 'Cancelled' | 'Completed' | 'Held' | 'Running' | 'Idle';

/**
 * One rule, first match wins:
 * done:     only cancelled jobs (cancelled ≥ 1, all other counts 0) → Cancelled
 *           (the original needed cancelled > 1, so a removed single-job submission became Completed);
 *           failed × 2 > completed → Failed (strict, so done with no jobs at all is Completed);
 *           otherwise → Completed.
 * not done: held > 0 → Held; running > 0 → Running; idle > 0 → Idle;
 *           nothing at all → null (unknown: report nothing).
 */
export function lensStatus(c: LensCounts): LensStatus | null {
  if (c.done) {
    const others = c.running + c.idle + c.held + c.completed + c.failed;
    if (c.cancelled >= 1 && others === 0) return 'Cancelled';
    if (c.failed * 2 > c.completed) return 'Failed';
    return 'Completed';
  }
  if (c.held > 0) return 'Held';
  if (c.running > 0) return 'Running';
  if (c.idle > 0) return 'Idle';
  return null;
}

/**
 * Percent of jobs finished (completed + failed + cancelled) over the largest total ever seen for the
 * submission, 0..100, unrounded; null while no job has been seen. Jobs leave the queue as they
 * finish, so the running total can shrink: the caller stores `maxSeen` and passes it back next poll.
 */
export function lensPercent(c: LensCounts, maxSeen: number | null): { pct: number | null; maxSeen: number } {
  const total = c.running + c.idle + c.held + c.completed + c.failed + c.cancelled;
  const max = Math.max(total, c.njobs ?? 0, maxSeen ?? 0);
  if (max === 0) return { pct: null, maxSeen: 0 };
  const finished = c.completed + c.failed + c.cancelled;
  return { pct: Math.min(100, (finished * 100) / max), maxSeen: max };
}
