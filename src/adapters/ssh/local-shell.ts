import { spawn } from 'node:child_process';
import { AdapterError } from '../adapter-error.js';
import {
  killScript,
  type RemoteShell,
  type RunOptions,
  type RunResult,
  type ShellTarget,
} from './remote-shell.js';
import { withPreamble, type ScriptEnvironment } from './script-preamble.js';
import { superviseRun, type StartedScript } from './supervise-run.js';

export interface LocalShellOptions extends ScriptEnvironment {
  /** Working directory of the script; default the process's. */
  cwd?: string;
  maxOutputChars?: number;
}

/**
 * RemoteShell for a launch host that is this machine (the demo's `localhost`): `bash -s` as a child
 * process, as the current user whatever the target's account. The child leads its own process
 * group, so a timeout or abort kills it with everything it started, and `kill` works as over SSH.
 */
export class LocalShell implements RemoteShell {
  constructor(private readonly options: LocalShellOptions = {}) {}

  run(target: ShellTarget, script: string, opts: RunOptions = {}): Promise<RunResult> {
    const started = this.start(withPreamble(script, this.options));
    return superviseRun(started, {
      ...opts,
      service: 'local-shell',
      label: `bash -s for ${target.account}@${target.host}`,
      maxOutputChars: this.options.maxOutputChars,
    });
  }

  kill(target: ShellTarget, pid: number, opts: Omit<RunOptions, 'onOutput'> = {}): Promise<RunResult> {
    return this.run(target, killScript(pid), opts);
  }

  private start(script: string): StartedScript {
    const child = spawn('bash', ['-s'], { cwd: this.options.cwd, detached: true, stdio: 'pipe' });
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
      child.once('error', (e) =>
        reject(
          new AdapterError('unavailable', 'local-shell', `cannot start bash: ${e.message}`, { cause: e }),
        ),
      );
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    // A script that exits before reading all of stdin makes the write fail with EPIPE: not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(script);
    return {
      stdout: child.stdout,
      stderr: child.stderr,
      ended,
      stop: () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      },
    };
  }
}
