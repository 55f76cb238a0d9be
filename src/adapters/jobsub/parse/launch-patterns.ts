// Line patterns of a launch log (external-apis.md 1.5). Each is matched against one line with its
// line ending removed; trailing whitespace is tolerated.

export const LAUNCH_PATTERNS = {
  processId: /^== process_id: (\d+) ==\s*$/,
  /** `ps -o lstart=` of the script's own process, printed right after its id. */
  processStart: /^== process_start: (\S.*?) ==\s*$/,
  completed: /^== completed: (\d+) ==\s*$/,
  task: /^Task=(\d+)\s*$/,
  submitted: /^(\d+) job\(s\) submitted to cluster (\d+)\.\s*$/,
  jobId: /^Use job id (\d+)(?:\.(\d+))?@([\w.-]+) to retrieve output\s*$/,
  statusUrl: /^For Status, use URL: (\S+)/,
  schedd: /^Running:.*condor_submit.*-remote (\S+)/,
  sandbox: /^Submission files are in: (\S+)/,
} as const;

/**
 * Lines reported as launch errors: jobsub_lite's condor_submit failures, the job-count limit,
 * signals, any other `Error: ` line of jobsub_lite, condor_submit's `ERROR: ` lines and OpenSSH's
 * own failures (`ssh: connect to host … Connection refused`, `ssh: Could not resolve hostname …`).
 */
export const LAUNCH_ERROR_PATTERNS: readonly RegExp[] = [
  /^Error: condor_submit exited with failed status code (\d+)/,
  /Number of submitted jobs would exceed MAX_JOBS_PER_SUBMISSION/,
  /^Error: Child was terminated by signal (\d+)/,
  /^Error: /,
  /^ERROR: /,
  /^ssh: /,
];
