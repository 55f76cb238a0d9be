// The jobsub port (external-apis.md 1.6–1.8): queue, control and logs, run on a launch host.
import type { HostSession } from '../../lib/remote-script/index.js';
import type { ShellTarget } from '../ssh/remote-shell.js';
import type { ClassAd, ControlReply, ControlScope, QueueRow, QueueTotals } from './parse/index.js';

export type { ControlScope, HostSession, QueueRow, QueueTotals };

/** Which jobs jobsub_q lists. Without ids, constraint or user jobsub_q lists the whole group. */
export interface JobSelector {
  /** VO group (`-G`): the experiment, `fermilab` for samdev. */
  group: string;
  role?: string;
  user?: string;
  /** `C@schedd` (whole cluster) or `C.P@schedd`. */
  jobIds?: string[];
  /** Classad expression, e.g. `POMS4_SUBMISSION_ID==101`. */
  constraint?: string;
  /** `-name <schedd>`: ask that schedd only. */
  schedd?: string;
}

/** The jobs a control action applies to: POMS's scope constraint plus the stored job ids. */
export interface ControlRequest {
  scope: ControlScope;
  group: string;
  role?: string;
  /** Stored `C@schedd` ids of the affected submissions (DAGMan jobs lack the POMS4 classads). */
  jobIds?: string[];
}

export type ControlAction = 'rm' | 'hold' | 'release';

export interface ControlResult {
  /** The two commands run, as sent. */
  commands: [string, string];
  /** Everything the setup and both commands printed: shown to the user as-is. */
  output: string;
  /** Exit status of the second command. */
  exitCode: number;
  /** Recognised condor replies that acted on something (summed over both commands); null = none recognised. */
  matched: number | null;
  replies: ControlReply[];
}

export interface QueueListing {
  rows: QueueRow[];
  totals: QueueTotals;
  /** Everything printed, setup included. */
  output: string;
}

export interface JobLogFile {
  /** Path inside the log bundle, e.g. `5001.0@sim-schedd01.example.out`. */
  name: string;
  content: Buffer;
}

export interface JobsubCallOptions {
  /** Default: the client's. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Every method runs `session` (credentials, site profile and login setup, as a launch gets them)
 * and then jobsub commands on `at` through a RemoteShell; values reach the commands as exported
 * variables, never as shell text. Rejects with
 * AdapterError: the shell's kinds (ssh/local-shell service), and for queue and fetchLogs `rejected`
 * when the command exits non-zero, `malformed` when jobsub_q prints no listing.
 */
export interface Jobsub {
  queue(
    selector: JobSelector,
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<QueueListing>;
  /** `jobsub_q --long`: each queued job's classad (jobs with a ClusterId only). */
  queueAds(
    selector: JobSelector,
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<ClassAd[]>;
  /** The two POMS commands of external-apis.md 1.7; a failing command is reported, not thrown. */
  control(
    act: ControlAction,
    request: ControlRequest,
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<ControlResult>;
  /** `jobsub_fetchlog -J <id>` on the launch host, files copied back. */
  fetchLogs(
    jobId: string,
    request: { group: string; role?: string },
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<JobLogFile[]>;
}
