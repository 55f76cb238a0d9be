import { groupFor } from '../../domain/launch/index.js';
import { loopStore } from '../../db/stores/loop-store.js';
import { changeStatus, changeStatusIn } from '../submissions/submission-status-service.js';
import { isAdapterError } from '../../adapters/adapter-error.js';
import { pollByJobsubQ } from './jobsub-q-fallback.js';
import { LAUNCH_HEARTBEAT_MS } from '../launch/launch-runner.js';
import { applyLensReadings, FOLLOWED_COLUMNS, lensEntriesOf, type Followed } from './lens-readings.js';
import { completeStuckSubmissions } from './stuck-submissions.js';
import type { TrackingDeps } from './tracking-deps.js';

const UNFINISHED = ['New', 'Idle', 'Running', 'Held', 'LaunchFailed'];
const LOOP = 'lens-poller';
/** Followed submissions per pipeline step (20 Lens documents of 50); the first is 250. */
const PIPELINE_STEP = 1000;

/**
 * One Lens pass for one experiment: the submissions Lens saw change since the last successful
 * pass (with overlap) plus POMS's own unfinished ones; each submission's clusters' counts summed
 * into a status by the one mapping rule; only changes written: status changes each decided by the
 * status machine and written together (history rows included), job counts alone in one
 * statement per step. The followed submissions go in steps of 1,000 (the first 250), Lens asked for the
 * next step's while this one's readings are written (Lens and PostgreSQL work at the same time).
 * Lens failing throws before that step's writes: the steps already answered stay applied (each
 * reading is right on its own), the rest is left as it was, and nothing regresses.
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
  // A pipeline: Lens answers the next step's submissions while this step's readings are written.
  const step = deps.lensPipelineStep ?? PIPELINE_STEP;
  // The first step a quarter as long: nothing is written while the poll waits for its answers.
  const steps: Followed[][] = [];
  for (let i = 0, n = Math.ceil(step / 4); i < subs.length; i += n, n = step)
    steps.push(subs.slice(i, i + n));
  const ask = (k: number) => {
    const p = k < steps.length ? lensEntriesOf(deps.lens, steps[k]) : undefined;
    p?.catch(() => undefined); // awaited in its turn; rejecting meanwhile is not unhandled
    return p;
  };
  let next = ask(0);
  let changed = 0;
  for (let k = 0; k < steps.length; k++) {
    const bySub = await next!;
    next = ask(k + 1);
    changed += await applyLensReadings(deps, steps[k], bySub, signal);
  }
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
