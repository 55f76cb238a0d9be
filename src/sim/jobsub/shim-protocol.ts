// The wire contract between a launch-host shim and the simulator: the shim POSTs a ShimRequest as
// JSON to `<sim url>/sim/jobsub/<command>`, prints `stdout` and `stderr` verbatim, writes `files`
// (absolute paths, base64 content) and exits with `exitCode`. All formatting happens server-side.

export interface ShimRequest {
  argv: string[];
  /** Only the variables named by SHIM_ENV_PREFIXES / SHIM_ENV_NAMES. */
  env: Record<string, string>;
  cwd: string;
}

export interface ShimReply {
  stdout: string;
  stderr: string;
  exitCode: number;
  files?: Array<{ path: string; base64: string }>;
}

export const SHIM_ENV_PREFIXES = ['POMS4_', 'POMS_', 'SAM_', 'JOBSUB_', 'SIM_'] as const;
export const SHIM_ENV_NAMES = [
  'GROUP',
  'USER',
  'LOGNAME',
  'EXPERIMENT',
  // Where a MetaCat launch's jobs reach Data Dispatcher and MetaCat (passed on to the jobs).
  'DATA_DISPATCHER_URL',
  'METACAT_SERVER_URL',
] as const;

/** Commands that talk to the simulator; the others of SHIM_NOOP_COMMANDS are local no-ops. */
export const SHIM_COMMANDS = [
  'jobsub_submit',
  'jobsub_q',
  'jobsub_rm',
  'jobsub_hold',
  'jobsub_release',
  'jobsub_fetchlog',
  'fife_launch',
  'sim_launch',
] as const;
export type ShimCommand = (typeof SHIM_COMMANDS)[number];

export const SHIM_NOOP_COMMANDS = [
  'kinit',
  'klist',
  'htgettoken',
  'spack',
  'setup',
  'voms-proxy-info',
] as const;

/** The jobsub group of a command: the one given (`-G`), else $JOBSUB_GROUP, else $GROUP. */
export const jobsubGroup = (given: string | undefined, env: ShimRequest['env']): string | undefined =>
  given ?? env.JOBSUB_GROUP ?? env.GROUP;

export const reply = (stdout: string, exitCode = 0, stderr = ''): ShimReply => ({ stdout, stderr, exitCode });
export const failure = (stderr: string, exitCode = 1, stdout = ''): ShimReply => ({
  stdout,
  stderr,
  exitCode,
});
