import {
  COMPLETED,
  HELD,
  IDLE,
  REMOVED,
  RUNNING,
  isTerminal,
  jobId,
  type JobTransition,
  type SimJob,
  type SimSubmission,
} from '../batch/batch-types.js';
import type { SimWorld } from '../world/sim-world.js';

// Lens is a view of the batch pool (external-apis.md 6.4), possibly lagging: everything is read as
// it was at time `t` from the jobs' transition histories. A vanished job (knob `vanishRate`) left
// no history, so Lens knows nothing of it at any time.

export interface LensCountsView {
  idle: number;
  running: number;
  held: number;
  /** Exit code 0. */
  completed: number;
  /** Exit code ≠ 0. */
  failed: number;
  /** Removed. */
  cancelled: number;
}

export interface LensSubmissionView extends LensCountsView {
  /** `C.0@schedd` */
  id: string;
  /** POMS submission id from the POMS4_SUBMISSION_ID / POMS_TASK_ID classads; null outside POMS. */
  pomsTaskID: string | null;
  done: boolean;
  error: string | null;
  njobs: number;
  submitTime: string;
  args: string;
  command: string;
  group: string;
  user: string;
  env: Record<string, string>;
  /** Latest state change seen at `t` (for `submissions(from, to)`). */
  lastChange: number;
}

/** A job's status and exit code as of `t`; undefined when it did not exist yet. */
export function statusAt(job: SimJob, t: number): JobTransition | undefined {
  let found: JobTransition | undefined;
  for (const h of job.history) {
    if (h.at > t) break;
    found = h;
  }
  return found;
}

export function pomsTaskIdOf(sub: SimSubmission): string | null {
  const v = sub.ads.POMS4_SUBMISSION_ID ?? sub.ads.POMS_TASK_ID;
  return typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : null;
}

const known = (job: SimJob) => job.vanished === undefined;

/** Null before it was submitted, and when every one of its jobs vanished. */
export function lensSubmissionAt(world: SimWorld, sub: SimSubmission, t: number): LensSubmissionView | null {
  if (sub.submitted > t) return null;
  const counts: LensCountsView = { idle: 0, running: 0, held: 0, completed: 0, failed: 0, cancelled: 0 };
  let lastChange = sub.submitted;
  const all = world.batch.jobsOf(sub).filter(known);
  if (all.length === 0) return null;
  for (const job of all) {
    for (const h of job.history) if (h.at <= t && h.at > lastChange) lastChange = h.at;
  }
  for (const job of world.batch.countedJobs(sub).filter(known)) {
    const s = statusAt(job, t);
    if (!s) continue;
    if (s.status === IDLE) counts.idle++;
    else if (s.status === RUNNING) counts.running++;
    else if (s.status === HELD) counts.held++;
    else if (s.status === REMOVED) counts.cancelled++;
    else if (s.status === COMPLETED) counts[s.exitCode ? 'failed' : 'completed']++;
  }
  // a DAG whose DAGMan vanished never finishes
  const top = sub.kind === 'dag' ? all.filter((j) => j.role === 'dagman') : all;
  const done =
    top.length > 0 &&
    top.every((j) => {
      const s = statusAt(j, t);
      return s !== undefined && isTerminal(s.status);
    });
  return {
    id: `${sub.cluster}.0@${sub.schedd}`,
    pomsTaskID: pomsTaskIdOf(sub),
    done,
    error: done && sub.error ? sub.error : null,
    njobs: sub.njobs,
    submitTime: new Date(sub.submitted).toISOString(),
    args: sub.args.join(' '),
    command: sub.command,
    group: sub.group,
    user: sub.owner,
    env: sub.env,
    lastChange,
    ...counts,
  };
}

export interface LensJobView {
  id: string;
  status: string;
  done: boolean;
  error: string | null;
  exitCode: number | null;
  holdReason: string | null;
  dagNodeName: string | null;
  pomsTaskID: string | null;
  args: string;
  env: Record<string, string>;
  submitTime: string;
}

const STATUS_NAMES: Record<number, string> = {
  1: 'Idle',
  2: 'Running',
  3: 'Removed',
  4: 'Completed',
  5: 'Held',
};

export function lensJobAt(world: SimWorld, job: SimJob, t: number): LensJobView | null {
  if (!known(job)) return null;
  const s = statusAt(job, t);
  if (!s) return null;
  const sub = world.batch.submission(job.submission)!;
  const counted = job.role === 'worker' || job.role === 'plain';
  return {
    id: jobId(job),
    status: STATUS_NAMES[s.status],
    done: isTerminal(s.status),
    error: s.status === COMPLETED && s.exitCode ? `exit code ${s.exitCode}` : null,
    exitCode: s.status === COMPLETED ? (s.exitCode ?? 0) : null,
    holdReason: s.status === HELD ? (s.holdReason ?? null) : null,
    dagNodeName: job.node ?? null,
    pomsTaskID: job.role === 'dagman' ? null : pomsTaskIdOf(sub),
    args: counted ? sub.args.join(' ') : '',
    env: job.role === 'dagman' ? {} : sub.env,
    submitTime: new Date(job.qdate).toISOString(),
  };
}
