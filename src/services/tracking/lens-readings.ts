import { toLensJobId } from '../../adapters/jobsub/parse/job-id.js';
import type { Lens, LensEntry, LensKey } from '../../adapters/lens/lens.js';
import { samProjectFrom } from '../../adapters/lens/query/sam-project-from.js';
import { lensPercent, lensStatus, type LensCounts } from '../../domain/submissions/lens-status.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { updateJobCounts, type JobCountsPatch } from '../../db/stores/job-counts-store.js';
import { columnsDiffer, jobCountColumns } from './apply-job-counts.js';
import { changeStatusesIn, type BatchedChange } from '../submissions/status-batch.js';
import type { TrackingDeps } from './tracking-deps.js';

/** What a Lens reading needs of a followed submission (apply-job-counts.ts compares these). */
export const FOLLOWED_COLUMNS = [
  'submission_id',
  'status',
  'jobsub_job_id',
  'jobsub_cluster_ids',
  'project',
  'jobs_total',
  'jobs_idle',
  'jobs_running',
  'jobs_held',
  'jobs_completed',
  'jobs_failed',
  'jobs_cancelled',
  'jobs_max_seen',
  'pct_complete',
  'tracked_via',
] as const;
export type Followed = Pick<SubmissionRow, (typeof FOLLOWED_COLUMNS)[number]>;

function sumCounts(entries: LensEntry[]): LensCounts {
  const z: LensCounts = {
    running: 0,
    idle: 0,
    held: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    done: entries.length > 0,
    njobs: 0,
  };
  for (const e of entries) {
    z.running += e.running;
    z.idle += e.idle;
    z.held += e.held;
    z.completed += e.completed;
    z.failed += e.failed;
    z.cancelled += e.cancelled;
    z.njobs = (z.njobs ?? 0) + (e.njobs ?? 0);
    z.done = z.done && e.done;
  }
  return z;
}

/** Lens's entries for each submission's clusters (all its jobsub ids), by submission id. */
export async function lensEntriesOf(lens: Lens, subs: Followed[]): Promise<Map<number, LensEntry[]>> {
  const keys: LensKey[] = [];
  const owner: number[] = [];
  for (const s of subs)
    for (const c of s.jobsub_cluster_ids.length ? s.jobsub_cluster_ids : [s.jobsub_job_id!]) {
      keys.push({ jobId: toLensJobId(c) });
      owner.push(Number(s.submission_id));
    }
  const items = keys.length ? await lens.submissions(keys) : [];
  const bySub = new Map<number, LensEntry[]>();
  items.forEach((item, i) => {
    if (item.entry) bySub.set(owner[i], [...(bySub.get(owner[i]) ?? []), item.entry]);
  });
  return bySub;
}

/**
 * Applies Lens's readings of some followed submissions; only changes are written: status changes
 * each decided by the status machine and written together (history rows included, one
 * transaction per 500), job counts alone in one statement per 2,000. The number of status changes.
 */
export async function applyLensReadings(
  deps: TrackingDeps,
  subs: Followed[],
  bySub: Map<number, LensEntry[]>,
  signal?: AbortSignal,
): Promise<number> {
  const statusChanges: BatchedChange[] = [];
  const unchangedStatus: JobCountsPatch[] = [];
  for (const s of subs) {
    signal?.throwIfAborted();
    const entries = bySub.get(Number(s.submission_id));
    if (!entries?.length) continue;
    const counts = sumCounts(entries);
    const { pct, maxSeen } = lensPercent(counts, s.jobs_max_seen);
    const extra = jobCountColumns(counts, {
      total: counts.running + counts.idle + counts.held + counts.completed + counts.failed + counts.cancelled,
      maxSeen,
      pct,
      via: 'lens',
    });
    if (!s.project) {
      const project =
        samProjectFrom(entries[0]) ??
        (await deps.lens.submissionProject({ jobId: entries[0].id }))?.project ??
        null;
      if (project) extra.project = project;
    }
    const status = lensStatus(counts);
    if (status && status !== s.status)
      statusChanges.push({ submissionId: s.submission_id, requested: status, pctComplete: pct, extra });
    else if (columnsDiffer(s, extra))
      unchangedStatus.push({ submission_id: s.submission_id, ...extra } as JobCountsPatch);
  }
  // Status changes: decided one by one by the status machine, written together (status-batch.ts).
  let changed = 0;
  for (let i = 0; i < statusChanges.length; i += 500) {
    signal?.throwIfAborted();
    const outcomes = await deps.db.transaction((trx) =>
      changeStatusesIn(trx, 'poller', statusChanges.slice(i, i + 500)),
    );
    changed += outcomes.filter((o) => o.after !== o.before).length;
  }
  signal?.throwIfAborted();
  // Counts alone, most of a poll: written together rather than one statement per submission.
  await updateJobCounts(deps.db, unchangedStatus);
  return changed;
}
