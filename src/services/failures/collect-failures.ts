import type { Knex } from 'knex';
import type { LensJob } from '../../adapters/lens/lens.js';
import { failureStore } from '../../db/stores/failure-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { samQuote } from '../../domain/files/sam-quote.js';
import { groupFor } from '../../domain/launch/index.js';
import { launchHostOf } from '../tracking/stuck-submissions.js';
import type { TrackingDeps } from '../tracking/tracking-deps.js';
import { failureEventsOf, type GatheredFailures } from './failure-events-of.js';
import { logBundleFailures } from './log-bundle-failures.js';

export interface CollectOptions {
  /** Submissions handled per pass, of each kind. */
  batch?: number;
  /** A Held submission's jobs are looked at in Lens again after this long. */
  heldRecheckMs?: number;
  /** Finished submissions older than this are not collected (a first start on a long history). */
  windowMs?: number;
}

const FINISHED = ['Completed', 'Located', 'Failed', 'Removed', 'Cancelled'];

/**
 * One pass of the failure-causes loop: the held jobs of Held submissions (hold reasons from Lens,
 * while Lens still shows them), then finished submissions once each: exit codes and hold reasons
 * from Lens, the job logs (jobsub_fetchlog) for error lines, exit codes and holds Lens no longer
 * shows, and SAM's failed files. A part that cannot be fetched is left out; a submission whose logs
 * could not be fetched is tried again on a later pass, after the others.
 */
export async function collectFailures(
  deps: TrackingDeps,
  signal?: AbortSignal,
  o: CollectOptions = {},
): Promise<string> {
  const now = deps.now?.() ?? new Date();
  const batch = o.batch ?? 20;
  const held: SubmissionRow[] = await deps
    .db('submissions as s')
    .leftJoin('failure_collections as fc', 'fc.submission_id', 's.submission_id')
    .where('s.status', 'Held')
    .whereNotNull('s.jobsub_job_id')
    .where((q) =>
      q
        .whereNull('fc.held_checked_at')
        .orWhere('fc.held_checked_at', '<', new Date(now.getTime() - (o.heldRecheckMs ?? 600_000))),
    )
    .orderBy('s.status_at')
    .limit(batch)
    .select('s.*');
  let heldJobs = 0;
  for (const s of held) {
    signal?.throwIfAborted();
    const lensJobs = await jobsOf(deps, s).catch(() => null);
    const events = failureEventsOf(s, { lensJobs, logs: null, failedFiles: null }, now).filter(
      (e) => e.source === 'held',
    );
    heldJobs += events.length;
    signal?.throwIfAborted(); // Lens may have taken a while: the lease is checked again before the write
    await deps.db.transaction(async (tx) => {
      await failureStore(tx).record(events);
      await failureStore(tx).mark(s.submission_id, now, { heldChecked: true });
    });
  }
  const finished: SubmissionRow[] = await finishedToCollect(deps.db, now, batch, o.windowMs);
  let collected = 0;
  const errors: string[] = [];
  for (const s of finished) {
    signal?.throwIfAborted();
    const got = await gather(deps, s);
    const events = failureEventsOf(s, got, now);
    const error = got.logs ? null : 'job logs could not be fetched';
    if (error) errors.push(`${s.submission_id}: ${error}`);
    signal?.throwIfAborted(); // so were the job logs and SAM
    await deps.db.transaction(async (tx) => {
      await failureStore(tx).record(events);
      await failureStore(tx).mark(s.submission_id, now, { final: !error, error });
    });
    if (!error) collected++;
  }
  return `${held.length} held submission(s) checked (${heldJobs} held job(s)), ${collected} finished collected${
    errors.length ? `, ${errors.length} left for later (${errors[0]})` : ''
  }`;
}

function finishedToCollect(db: Knex, now: Date, batch: number, windowMs = 7 * 86_400_000) {
  return db('submissions as s')
    .leftJoin('failure_collections as fc', 'fc.submission_id', 's.submission_id')
    .whereIn('s.status', FINISHED)
    .whereNotNull('s.jobsub_job_id')
    .where('s.status_at', '>=', new Date(now.getTime() - windowMs))
    .where((q) => q.whereNull('fc.final').orWhere('fc.final', false))
    .orderByRaw('fc.collected_at nulls first')
    .orderBy('s.status_at')
    .limit(batch)
    .select('s.*');
}

const clustersOf = (s: SubmissionRow) =>
  s.jobsub_cluster_ids.length ? s.jobsub_cluster_ids : s.jobsub_job_id ? [s.jobsub_job_id] : [];

async function jobsOf(deps: TrackingDeps, s: SubmissionRow): Promise<LensJob[] | null> {
  const all: LensJob[] = [];
  for (const id of clustersOf(s)) {
    const jobs = await deps.lens.submissionJobs({ jobId: id });
    if (jobs) all.push(...jobs);
  }
  return all;
}

async function gather(deps: TrackingDeps, s: SubmissionRow): Promise<GatheredFailures> {
  const lensJobs = await jobsOf(deps, s).catch(() => null);
  let logs: GatheredFailures['logs'] = null;
  if (deps.jobsub) {
    try {
      const { at, session, role } = await launchHostOf(deps, s);
      const ids = clustersOf(s);
      const files = [];
      for (const id of ids) {
        const got = await deps.jobsub.fetchLogs(id, { group: groupFor(s.experiment), role }, at, session, {
          timeoutMs: 120_000,
        });
        for (const f of got)
          files.push({ name: ids.length > 1 ? `${id}/${f.name}` : f.name, text: f.content.toString('utf8') });
      }
      logs = { files, facts: logBundleFailures(files) };
    } catch (e) {
      deps.log.warn({ err: e, submission: s.submission_id }, 'job logs for failure causes not fetched');
    }
  }
  const failedFiles = s.project
    ? await deps.sam
        .listFiles(s.experiment, `project_name ${samQuote(s.project, 'project')} and consumed_status failed`)
        .catch(() => null)
    : [];
  return { lensJobs, logs, failedFiles };
}
