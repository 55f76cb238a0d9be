import type { Knex } from 'knex';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import type { LensCounts, LensStatus } from '../../domain/submissions/lens-status.js';
import { changeStatus } from '../submissions/submission-status-service.js';

/** The submission columns one job-state reading sets, whichever source (Lens or jobsub_q) it came from. */
export function jobCountColumns(
  counts: LensCounts,
  reading: { total: number; maxSeen: number; pct: number | null; via: 'lens' | 'jobsub_q' },
): Partial<SubmissionRow> {
  return {
    jobs_total: reading.total,
    jobs_idle: counts.idle,
    jobs_running: counts.running,
    jobs_held: counts.held,
    jobs_completed: counts.completed,
    jobs_failed: counts.failed,
    jobs_cancelled: counts.cancelled,
    jobs_max_seen: reading.maxSeen,
    pct_complete: reading.pct,
    tracked_via: reading.via,
  };
}

/** True when the reading's columns differ from the row's (a write is due). */
export function columnsDiffer(s: Partial<SubmissionRow>, extra: Partial<SubmissionRow>): boolean {
  return (Object.keys(extra) as Array<keyof SubmissionRow>).some((k) => extra[k] !== s[k]);
}

/**
 * Applies one reading: a status change (with the columns, through the status machine) when the
 * status moves, else the columns alone when any differs. True when the status changed.
 */
export async function applyJobCounts(
  db: Knex,
  s: SubmissionRow,
  r: { status: LensStatus | null; pct: number | null; extra: Partial<SubmissionRow>; reason?: string },
): Promise<boolean> {
  if (r.status && r.status !== s.status) {
    const out = await changeStatus(db, s.submission_id, {
      requested: r.status,
      actor: 'poller',
      pctComplete: r.pct,
      ...(r.reason ? { reason: r.reason } : {}),
      extra: r.extra,
    });
    return out.after !== out.before;
  }
  if (columnsDiffer(s, r.extra))
    await db('submissions').where({ submission_id: s.submission_id }).update(r.extra);
  return false;
}
