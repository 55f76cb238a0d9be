import { exportLines } from '../../lib/remote-script/index.js';
// Running a shell script on a launch host: the port behind launches, jobsub commands and aborts.

/** Where to run: `account@host[:port]`. */
export interface ShellTarget {
  host: string;
  account: string;
  /** SSH port; default 22. Ignored by the local shell. */
  port?: number;
}

export interface RunOptions {
  /**
   * Milliseconds the script may run (for SSH counted from the start of the command, the connection
   * having its own limit). When it passes the run fails with an AdapterError of kind `timeout`.
   */
  timeoutMs?: number;
  /** Output as it arrives, stdout and stderr interleaved in arrival order, decoded as UTF-8. */
  onOutput?: (chunk: string) => void;
  /** Aborting stops the script like a timeout, and the run rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** The script's exit status; 128 + n when it was killed by signal n. */
  exitCode: number;
  /** stdout and stderr interleaved, as streamed to onOutput (cut at the shell's output limit). */
  output: string;
  /** Name of the signal that killed the script (`KILL`), if one did. */
  signal?: string;
  /** True when output exceeded the shell's limit and only its beginning was kept. */
  truncated?: boolean;
}

/**
 * Runs `script` by feeding it on stdin to `bash -s` (a login shell where configured) as `account` on `host`. The script's
 * `$$` is the leader of its own process group, so `kill(target, $$)` stops it and all its children.
 * Both methods reject with AdapterError when the host cannot be reached or refuses us; a script that
 * runs and fails is not an error (see exitCode).
 */
export interface RemoteShell {
  run(target: ShellTarget, script: string, opts?: RunOptions): Promise<RunResult>;
  /** Runs `kill -9 -<pid>`: kills the process group of a script whose `$$` was `pid`. */
  kill(target: ShellTarget, pid: number, opts?: Omit<RunOptions, 'onOutput'>): Promise<RunResult>;
  /** Releases shared connections (at shutdown); runs after it may open them again. */
  close?(): Promise<void>;
}

/** The script `kill` runs. `pid` must be a process id above 1 (never "every process"). */
export function killScript(pid: number, startedAt?: string | null): string {
  if (!Number.isSafeInteger(pid) || pid <= 1) throw new RangeError(`not a killable process id: ${pid}`);
  if (!startedAt) return `kill -9 -${pid}\n`;
  // Only the process that printed this start time: a pid reused since is left alone (exit 3).
  return [
    ...exportLines([['POMS_PID_START', startedAt]]),
    `if [ "$(ps -o lstart= -p ${pid} 2>/dev/null)" = "$POMS_PID_START" ]; then kill -9 -${pid}; else`,
    `  echo "== not killed: process ${pid} is not the launch that started $POMS_PID_START =="; exit 3`,
    'fi',
    '',
  ].join('\n');
}

export const describeTarget = (t: ShellTarget): string =>
  `${t.account}@${t.host}${t.port && t.port !== 22 ? `:${t.port}` : ''}`;
