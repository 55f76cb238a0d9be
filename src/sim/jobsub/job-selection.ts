import { parseJobId } from '../../adapters/jobsub/parse/index.js';
import type { SimJob, SimSubmission } from '../batch/batch-types.js';
import { ConstraintError, matchesConstraint, parseConstraint } from '../batch/classad-constraint.js';
import { jobClassAd } from '../batch/job-classad.js';
import type { SimWorld } from '../world/sim-world.js';
import { all, type ParsedCli } from './cli-args.js';

/** Options jobsub_q, jobsub_rm, jobsub_hold and jobsub_release share (jobsub_lite lib/mains/cmd.py). */
export const SELECTION_OPTIONS: Readonly<Record<string, string>> = {
  '-G': 'group',
  '--group': 'group',
  '--role': 'role',
  '--jobid': 'jobid',
  '-J': 'jobid',
  '--constraint': 'constraint',
  '-constraint': 'constraint',
  '-name': 'name',
  '--name': 'name',
};

/** The ids given by `--jobid=a,b`, `-J id` and as positionals: `C@schedd` (whole cluster) or `C.P@schedd`. */
export function selectedIds(p: ParsedCli): string[] {
  return [...all(p, 'jobid').flatMap((s) => s.split(',')), ...p.positionals].filter(Boolean);
}

/** Who a jobsub_q / rm / hold / release call is about, besides its ids. */
export interface JobSelector {
  group?: string;
  user?: string;
  constraint?: string;
  /** `-name <schedd>`: only that schedd. */
  schedd?: string;
}

export interface SelectedJob {
  job: SimJob;
  sub: SimSubmission;
}

/**
 * What condor_q / condor_rm print for a schedd the collector does not advertise (knob
 * batch.missingSchedds); the command exits 1.
 */
export const scheddNotFound = (schedd: string) => `Error: Can't find address for schedd ${schedd}`;

/** The schedd named by `-name` or by one of the ids that the collector does not advertise now. */
export function missingSchedd(world: SimWorld, ids: readonly string[], name?: string): string | undefined {
  const named = [...ids.map((id) => parseJobId(id)?.schedd), name];
  return named.find((s): s is string => !!s && world.faults.scheddMissing(s));
}

/**
 * Jobs still in the queue (not yet gone after their linger, not vanished) of the schedds the
 * collector advertises, with their submission.
 */
export function queuedJobs(world: SimWorld): SelectedJob[] {
  return world.batch
    .allJobs()
    .filter((job) => !job.leftQueue && !world.faults.scheddMissing(job.schedd))
    .map((job) => ({ job, sub: world.batch.submission(job.submission)! }));
}

/** Jobs of one id: the cluster's procs (`C@s`) or one proc (`C.P@s`), on that schedd only. */
export function jobsForId(world: SimWorld, id: string): SelectedJob[] | null {
  const p = parseJobId(id);
  if (!p) return null;
  return queuedJobs(world).filter(
    ({ job }) =>
      job.cluster === p.cluster && job.schedd === p.schedd && (p.proc === null || job.proc === p.proc),
  );
}

/**
 * Filters queued jobs by group (Jobsub_Group), user (Owner), schedd and constraint. Throws
 * ConstraintError for a constraint that does not parse.
 */
export function selectJobs(world: SimWorld, sel: JobSelector, from = queuedJobs(world)): SelectedJob[] {
  const constraint = sel.constraint ? parseConstraint(sel.constraint) : undefined;
  const now = world.now();
  return from.filter(({ job, sub }) => {
    if (sel.group && sub.group !== sel.group) return false;
    if (sel.user && sub.owner !== sel.user) return false;
    if (sel.schedd && job.schedd !== sel.schedd) return false;
    return !constraint || matchesConstraint(constraint, jobClassAd(job, sub, now));
  });
}

export { ConstraintError };
