import type { ClassAd } from '../../adapters/jobsub/parse/index.js';

// The simulated HTCondor pool as stored (plain JSON; times in virtual ms since the epoch).

/** HTCondor JobStatus: 1 idle, 2 running, 3 removed, 4 completed, 5 held. */
export type JobStatus = 1 | 2 | 3 | 4 | 5;
export const IDLE = 1;
export const RUNNING = 2;
export const REMOVED = 3;
export const COMPLETED = 4;
export const HELD = 5;

/** What a job does: DAGMan itself, a dataset DAG's begin/worker/end node, or a plain cluster proc. */
export type JobRole = 'dagman' | 'sam_start' | 'worker' | 'sam_end' | 'plain';

/** One status change, kept for Lens (which may lag) and the condor user log. */
export interface JobTransition {
  at: number;
  status: JobStatus;
  exitCode?: number;
  holdReason?: string;
  holdReasonCode?: number;
}

export interface SimJob {
  cluster: number;
  proc: number;
  schedd: string;
  /** Cluster of the submission (the DAGMan cluster for DAG nodes). */
  submission: number;
  role: JobRole;
  /** DAG node name (`SAM_START`, `WORKER_3`, `SAM_END`); absent for DAGMan and plain jobs. */
  node?: string;
  status: JobStatus;
  qdate: number;
  enteredStatus: number;
  history: JobTransition[];
  /** When the current run started (while running). */
  runStart?: number;
  /** Wall time of finished runs, ms. */
  wallMs: number;
  exitCode?: number;
  holdReason?: string;
  holdReasonCode?: number;
  numRestarts: number;
  /** Bumped by every outside state change; events carrying an older epoch are stale. */
  epoch: number;
  /** Gone from jobsub_q (finished and lingered, or vanished); still in history for fetchlog. */
  leftQueue?: boolean;
  /** When the schedd lost it (knob `vanishRate`): no further events, no Lens record at all. */
  vanished?: number;
  /** Worker state: SAM consumer process, file being processed, files processed this run. */
  processId?: number;
  currentFile?: string;
  filesDone: number;
  /** This run crashes after processing this many files (set at run start when drawn). */
  crashAfter?: number;
  /** Lines of the job's stdout, for fetchlog. */
  out: string[];
  /** Lines of its stderr beyond the exit line (knob `causeMix`), for fetchlog. */
  err?: string[];
  /** Which entries of the `causeMix` tables (failure-mix.ts) this job drew: the scenario's truth. */
  causes?: Array<{ kind: 'crash' | 'hold' | 'file'; index: number; file?: string }>;
  /** The crash cause drawn for this run (index into CRASH_CAUSES). */
  crashCause?: number;
}

export type DagState = 'starting' | 'workers' | 'ending' | 'succeeded' | 'failed' | 'removed';

/** One jobsub_submit: a plain cluster, or a dataset DAG (the DAGMan cluster is the reported id). */
export interface SimSubmission {
  cluster: number;
  schedd: string;
  group: string;
  experiment: string;
  owner: string;
  role?: string;
  kind: 'dag' | 'plain';
  submitted: number;
  /** The jobsub_submit command line as executed. */
  command: string;
  /** `file://…` executable and its arguments. */
  executable: string;
  args: string[];
  /** Job environment (`-e`, plus what jobsub fills in for datasets). */
  env: Record<string, string>;
  /** Classads from `-l/--lines` and the POMS wrapper; DAG nodes carry them, DAGMan does not. */
  ads: ClassAd;
  /** Workers (DAG) or procs (plain). */
  njobs: number;
  dataset?: string;
  project?: string;
  /**
   * A plain cluster whose job env names a Data Dispatcher project (POMS_DATA_DISPATCHER_PROJECT_ID):
   * each proc is a DD worker on it (dd-worker.ts).
   */
  ddProject?: number;
  /** Files a worker may take (samweb filelimit). */
  filesPerJob?: number;
  /** Generator: output files the whole cluster makes without input (see generatedBy). */
  generateTotal?: number;
  outputPrefix: string;
  outputVersion: string;
  /** Knob scope: the stage name from the env, else none. */
  stage?: string;
  dag?: { state: DagState; start?: number; workers: number[]; end?: number; paused?: boolean };
  /** Set once the submission is over: DAG finished/removed, or every proc terminal. */
  ended?: number;
  /** Why the DAG did not succeed (Lens `error`). */
  error?: string;
}

/** Files proc `proc` of a generator makes: the total spread as evenly as possible (sums to it). */
export const generatedBy = (sub: Pick<SimSubmission, 'generateTotal' | 'njobs'>, proc: number) =>
  Math.floor(((sub.generateTotal ?? 0) + proc) / Math.max(1, sub.njobs));

export const jobKey = (cluster: number, proc: number) => `${cluster}.${proc}`;
export const jobId = (j: Pick<SimJob, 'cluster' | 'proc' | 'schedd'>) => `${j.cluster}.${j.proc}@${j.schedd}`;
export const isTerminal = (s: JobStatus) => s === COMPLETED || s === REMOVED;
