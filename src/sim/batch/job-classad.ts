import type { ClassAd, JobStatusLetter, QueueRow } from '../../adapters/jobsub/parse/index.js';
import { RUNNING, jobId, type SimJob, type SimSubmission } from './batch-types.js';

const LETTERS: Record<number, JobStatusLetter> = { 1: 'I', 2: 'R', 3: 'X', 4: 'C', 5: 'H' };
const sec = (ms: number) => Math.floor(ms / 1000);

/** Wall time of a job so far, ms (finished runs plus the current one). */
export function wallTime(job: SimJob, nowMs: number): number {
  return job.wallMs + (job.status === RUNNING && job.runStart !== undefined ? nowMs - job.runStart : 0);
}

/** What `Cmd` shows: DAGMan, jobsub's begin/end scripts, or the executable's base name. */
export function jobCommand(job: SimJob, sub: SimSubmission): string {
  if (job.role === 'dagman') return 'condor_dagman';
  if (job.role === 'sam_start') return 'sambegin.sh';
  if (job.role === 'sam_end') return 'samend.sh';
  return (
    sub.executable
      .replace(/^file:\/\//, '')
      .split('/')
      .pop() || 'worker.sh'
  );
}

/** Image size shown by jobsub_q: 0 until a job has run, then a stable per-job value. */
function sizeMb(job: SimJob): number {
  if (job.wallMs === 0 && job.runStart === undefined) return 0;
  return 100 + ((job.cluster * 37 + job.proc * 11) % 400) + 0.1 * (job.cluster % 10);
}

/** The job's classad as condor_q -long shows it; also what constraints are evaluated against. */
export function jobClassAd(job: SimJob, sub: SimSubmission, nowMs: number): ClassAd {
  const ran = job.wallMs > 0 || job.runStart !== undefined;
  const env = Object.entries(sub.env)
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  const ad: ClassAd = {
    ClusterId: job.cluster,
    ProcId: job.proc,
    GlobalJobId: `${job.schedd}#${job.cluster}.${job.proc}#${sec(job.qdate)}`,
    JobsubJobId: jobId(job),
    Owner: sub.owner,
    User: `${sub.owner}@fnal.gov`,
    AccountingGroup: `group_${sub.group}.${sub.owner}`,
    Jobsub_Group: sub.group,
    JobUniverse: job.role === 'dagman' ? 7 : 5,
    JobStatus: job.status,
    EnteredCurrentStatus: sec(job.enteredStatus),
    QDate: sec(job.qdate),
    JobPrio: 0,
    Cmd: jobCommand(job, sub),
    Args: job.role === 'worker' || job.role === 'plain' ? sub.args.join(' ') : '',
    RemoteWallClockTime: sec(wallTime(job, nowMs)),
    RemoteUserCpu: Math.floor(sec(wallTime(job, nowMs)) * 0.9),
    NumRestarts: job.numRestarts,
    ImageSize: Math.round(sizeMb(job) * 1024),
  };
  if (job.role !== 'dagman') {
    ad.Env = env;
    ad.Environment = Object.entries(sub.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    if (sub.kind === 'dag') {
      ad.DAGManJobId = sub.cluster;
      ad.DAGNodeName = job.node ?? '';
    }
    Object.assign(ad, sub.ads);
  } else {
    ad.DAG_NodesTotal = sub.njobs + 2;
  }
  if (ran) ad.MATCH_EXP_JOB_GLIDEIN_Site = 'FermiGrid';
  if (job.holdReason !== undefined) {
    ad.HoldReason = job.holdReason;
    ad.HoldReasonCode = job.holdReasonCode ?? 0;
  }
  if (job.exitCode !== undefined) ad.ExitCode = job.exitCode;
  return ad;
}

/** One jobsub_q row of a job. */
export function queueRow(job: SimJob, sub: SimSubmission, nowMs: number): QueueRow {
  return {
    jobId: jobId(job),
    owner: sub.owner,
    ...(job.node ? { dagNode: job.node } : {}),
    submitted: new Date(job.qdate),
    runtimeSec: sec(wallTime(job, nowMs)),
    status: LETTERS[job.status],
    prio: 0,
    sizeMb: sizeMb(job),
    command: jobCommand(job, sub),
    ...(job.role === 'worker' || job.role === 'plain' ? { args: sub.args.join(' ') } : {}),
  };
}
