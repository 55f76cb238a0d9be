import { toLensJobId } from '../../adapters/jobsub/parse/job-id.js';
import type { LensEntry, LensKey } from '../../adapters/lens/lens.js';
import { samProjectFrom } from '../../adapters/lens/query/sam-project-from.js';
import { groupFor } from '../../domain/launch/index.js';
import { lensPercent, lensStatus, type LensCounts } from '../../domain/submissions/lens-status.js';
import { loopStore } from '../../db/stores/loop-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { changeStatus, changeStatusIn } from '../submissions/submission-status-service.js';
import { isAdapterError } from '../../adapters/adapter-error.js';
import { pollByJobsubQ } from './jobsub-q-fallback.js';
import { LAUNCH_HEARTBEAT_MS } from '../launch/launch-runner.js';
import { updateJobCounts, type JobCountsPatch } from '../../db/stores/job-counts-store.js';
import { columnsDiffer, jobCountColumns } from './apply-job-counts.js';
import { changeStatusesIn, type BatchedChange } from '../submissions/status-batch.js';
import { completeStuckSubmissions } from './stuck-submissions.js';
import type { TrackingDeps } from './tracking-deps.js';

const UNFINISHED = ['New', 'Idle', 'Running', 'Held', 'LaunchFailed'];
/** What a Lens reading needs of a followed submission (apply-job-counts.ts compares these). */
const FOLLOWED_COLUMNS = [
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
type Followed = Pick<SubmissionRow, (typeof FOLLOWED_COLUMNS)[number]>;
const LOOP = 'lens-poller';

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

/**
 * One Lens pass for one experiment: the submissions Lens saw change since the last successful
 * pass (with overlap) plus POMS's own unfinished ones; each submission's clusters' counts summed
 * into a status by the one mapping rule; only changes written: status changes each decided by the
 * status machine and written together (history rows included, one transaction per 500), job counts
 * alone in one statement per 2,000. Lens failing throws before any write, so nothing regresses.
 */
export async function pollExperiment(
  deps: TrackingDeps,
  experiment: string,
  signal?: AbortSignal,
): Promise<{ seen: number; changed: number }> {
  const now = (deps.now ?? (() => new Date()))();
  const loops = loopStore(deps.db);
  const state = ((await loops.state(LOOP))?.state ?? {}) as Record<string, string>;
  const last = state[experiment] ? new Date(state[experiment]) : null;
  const window =
    last && now.getTime() - last.getTime() < 3600_000
      ? { from: new Date(last.getTime() - 2 * deps.pollIntervalMs), to: 'now' as const }
      : undefined;
  const recent = await deps.lens.recentSubmissions(groupFor(experiment), window);
  const fromLens = new Set(recent.map((r) => r.pomsTaskID).filter((id): id is number => id !== null));
  // Only the columns a reading compares and writes; the unfinished ones through their partial index.
  const subs: Followed[] = await deps
    .db('submissions')
    .where({ experiment })
    .andWhere((w) => w.whereIn('status', UNFINISHED).orWhereIn('submission_id', [...fromLens]))
    .whereNotNull('jobsub_job_id')
    .select(FOLLOWED_COLUMNS);
  const keys: LensKey[] = [];
  const owner: string[] = [];
  for (const s of subs)
    for (const c of s.jobsub_cluster_ids.length ? s.jobsub_cluster_ids : [s.jobsub_job_id!]) {
      keys.push({ jobId: toLensJobId(c) });
      owner.push(String(s.submission_id));
    }
  const items = keys.length ? await deps.lens.submissions(keys) : [];
  const bySub = new Map<number, LensEntry[]>();
  items.forEach((item, i) => {
    if (item.entry) bySub.set(Number(owner[i]), [...(bySub.get(Number(owner[i])) ?? []), item.entry]);
  });

  const statusChanges: BatchedChange[] = [];
  const unchangedStatus: JobCountsPatch[] = [];
  for (const s of subs) {
    signal?.throwIfAborted();
    const entries = bySub.get(s.submission_id);
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
  signal?.throwIfAborted();
  await loops.saveState(LOOP, { ...state, [experiment]: now.toISOString() });
  return { seen: subs.length, changed };
}

/** A launch whose heartbeat is older than this lost its launcher (four missed heartbeats). */
export const VANISHED_LAUNCH_MS = 4 * LAUNCH_HEARTBEAT_MS;

/**
 * Launches that started, never finished and stopped writing their heartbeat: the process running
 * them is gone (POMS restarted or crashed mid-launch), so nothing will ever finish them. They
 * become LaunchFailed at the next poll instead of staying New until launch_failed_after_s.
 */
export async function failVanishedLaunches(deps: TrackingDeps, signal?: AbortSignal): Promise<number> {
  const now = (deps.now ?? (() => new Date()))();
  const cutoff = new Date(now.getTime() - VANISHED_LAUNCH_MS);
  const rows: Array<{ submission_id: number; beat: Date }> = await deps
    .db('submissions')
    .where({ status: 'New' })
    .whereNull('jobsub_job_id')
    .whereNotNull('launch_started_at')
    .whereNull('launch_finished_at')
    .whereRaw('coalesce(launch_heartbeat_at, launch_started_at) < ?', [cutoff])
    .select('submission_id', deps.db.raw('coalesce(launch_heartbeat_at, launch_started_at) as beat'));
  for (const r of rows) {
    signal?.throwIfAborted();
    const reason = `the launcher stopped reporting at ${new Date(r.beat).toISOString()} (POMS restarted or the launch process died) without a jobsub job id`;
    await deps.db.transaction(async (trx) => {
      await trx('submissions').where({ submission_id: r.submission_id }).update({
        launch_finished_at: now,
        launch_error: reason,
      });
      await changeStatusIn(trx, r.submission_id, { requested: 'LaunchFailed', actor: 'system', reason });
    });
  }
  return rows.length;
}

/** Submissions New for too long with no jobsub id become LaunchFailed (a slow launch may still report). */
export async function failStuckLaunches(deps: TrackingDeps, signal?: AbortSignal): Promise<number> {
  const now = (deps.now ?? (() => new Date()))();
  const cutoff = new Date(now.getTime() - deps.launchFailedAfterMs);
  const ids: number[] = await deps
    .db('submissions')
    .where({ status: 'New' })
    .whereNull('jobsub_job_id')
    .andWhere('created_at', '<', cutoff)
    .pluck('submission_id');
  for (const id of ids) {
    signal?.throwIfAborted();
    await changeStatus(deps.db, id, {
      requested: 'LaunchFailed',
      actor: 'system',
      reason: `no jobsub job id ${Math.round(deps.launchFailedAfterMs / 60000)} minutes after launch`,
    });
  }
  return ids.length;
}

/** One poller run over every active experiment. */
/** `signal` (the loop's) is checked before each experiment's and each submission's writes. */
export async function pollLens(deps: TrackingDeps, signal?: AbortSignal): Promise<string> {
  const exps: string[] = await deps
    .db('experiments')
    .where({ active: true })
    .orderBy('experiment')
    .pluck('experiment');
  let seen = 0;
  let changed = 0;
  const fallbacks: string[] = [];
  for (const e of exps) {
    signal?.throwIfAborted();
    const r = await pollOrFallBack(deps, e, signal);
    seen += r.seen;
    changed += r.changed;
    if (r.fallback) fallbacks.push(r.fallback);
  }
  signal?.throwIfAborted();
  const failed = (await failVanishedLaunches(deps, signal)) + (await failStuckLaunches(deps, signal));
  const stuck = await completeStuckSubmissions(deps, signal);
  return (
    `${exps.length} experiment(s), ${seen} submission(s) followed, ${changed} status change(s), ${failed} launch failure(s)` +
    (fallbacks.length ? `; ${fallbacks.join('; ')}` : '') +
    (stuck.checked
      ? `, ${stuck.checked} unreported submission log(s) checked, ${stuck.completed} completed`
      : '')
  );
}

const failingKey = (experiment: string) => `lens_failing_since:${experiment}`;

/**
 * A Lens pass, or while Lens has been failing for longer than the configured time (and a jobsub
 * adapter is there), a jobsub_q pass. Lens is tried first every time, so tracking returns to it as
 * soon as it answers. Before the fallback starts a Lens failure fails the pass, as it always did.
 */
async function pollOrFallBack(
  deps: TrackingDeps,
  experiment: string,
  signal?: AbortSignal,
): Promise<{ seen: number; changed: number; fallback?: string }> {
  const loops = loopStore(deps.db);
  const key = failingKey(experiment);
  try {
    const r = await pollExperiment(deps, experiment, signal);
    signal?.throwIfAborted();
    const state = ((await loops.state(LOOP))?.state ?? {}) as Record<string, string>;
    if (state[key]) {
      const { [key]: _recovered, ...rest } = state;
      await loops.saveState(LOOP, rest);
      deps.log.info({ experiment }, 'Lens answers again: tracking through Lens');
    }
    return r;
  } catch (e) {
    if (!isAdapterError(e) || e.service !== 'lens') throw e;
    const now = (deps.now ?? (() => new Date()))();
    const state = ((await loops.state(LOOP))?.state ?? {}) as Record<string, string>;
    const since = state[key] ? new Date(state[key]) : now;
    signal?.throwIfAborted();
    if (!state[key]) await loops.saveState(LOOP, { ...state, [key]: since.toISOString() });
    const after = deps.lensFallbackAfterMs;
    if (!deps.jobsub || after === undefined || now.getTime() - since.getTime() < after) throw e;
    const r = await pollByJobsubQ(deps, experiment, since, signal);
    return {
      ...r,
      fallback:
        `${experiment} through jobsub_q (Lens failing since ${since.toISOString()}: ${e.message})` +
        (r.unanswered ? `, ${r.unanswered} submission(s) unanswered` : ''),
    };
  }
}
