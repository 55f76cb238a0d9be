import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { AdapterError } from '../adapter-error.js';
import { KerberosTicket, type KerberosOptions } from './kerberos-ticket.js';
import {
  checkTarget,
  classifySshFailure,
  opensshArgs,
  opensshExitArgs,
  type OpensshArgsOptions,
} from './openssh-args.js';
import { remoteCommand } from './remote-command.js';
import {
  describeTarget,
  killScript,
  type RemoteShell,
  type RunOptions,
  type RunResult,
  type ShellTarget,
} from './remote-shell.js';
import { withPreamble, type ScriptEnvironment } from './script-preamble.js';
import { superviseRun, type StartedScript } from './supervise-run.js';

export interface OpensshShellOptions extends OpensshArgsOptions, ScriptEnvironment {
  /** The ssh client; default `ssh` from PATH. */
  ssh?: string;
  /** Kerberos: renew POMS's ticket from its service keytab before connecting (with gssapi). */
  kerberos?: KerberosOptions;
  /** Run scripts in a login shell (`bash -l`): the host's profile prepares UPS/Spack. */
  loginShell?: boolean;
  maxOutputChars?: number;
}

/** stderr kept to tell ssh's own failures from the script's output, in characters. */
const STDERR_TAIL = 4000;

/**
 * RemoteShell over the system OpenSSH client: what Fermilab launch hosts need (GSSAPI/Kerberos
 * from a service keytab; or keys), host keys checked strictly against our known_hosts, and one
 * master connection per host and account reused by the following runs (ControlMaster). The script
 * goes to `bash -s` (or `bash -l -s`) on stdin as with the ssh2 transport. One difference: ssh
 * ignores the server's exit-signal message, so a script killed by a signal reports exit status 255
 * (the ssh2 transport: 128 + n and the signal's name).
 */
export class OpensshShell implements RemoteShell {
  private readonly ticket: KerberosTicket | null;
  private readonly used = new Map<string, ShellTarget>();
  private dirReady = false;

  constructor(private readonly options: OpensshShellOptions) {
    this.ticket = options.gssapi && options.kerberos ? new KerberosTicket(options.kerberos) : null;
  }

  async run(target: ShellTarget, script: string, opts: RunOptions = {}): Promise<RunResult> {
    const bad = checkTarget(target);
    if (bad) throw new AdapterError('rejected', 'ssh', bad, { operation: 'connect' });
    opts.signal?.throwIfAborted();
    if (!this.dirReady) this.dirReady = privateDir(this.options.controlDir);
    await this.ticket?.ensure();
    this.used.set(describeTarget(target), target);
    const args = opensshArgs(this.options, target, remoteCommand(this.options.loginShell));
    const { started, stderrTail } = this.start(args, withPreamble(script, this.options));
    const result = await superviseRun(started, {
      ...opts,
      service: 'ssh',
      label: `ssh ${describeTarget(target)}`,
      maxOutputChars: this.options.maxOutputChars,
    });
    if (result.exitCode === 255) {
      const failure = classifySshFailure(stderrTail(), target, this.options.knownHostsFile);
      if (failure)
        throw new AdapterError(failure.kind, 'ssh', failure.message, {
          operation: 'connect',
          raw: stderrTail(),
        });
    }
    return result;
  }

  kill(target: ShellTarget, pid: number, opts: Omit<RunOptions, 'onOutput'> = {}): Promise<RunResult> {
    return this.run(target, killScript(pid), opts);
  }

  /** Closes the master connections this shell opened (at shutdown; they also expire when idle). */
  async close(): Promise<void> {
    const targets = [...this.used.values()];
    this.used.clear();
    await Promise.all(
      targets.map(
        (t) =>
          new Promise<void>((done) =>
            execFile(this.options.ssh ?? 'ssh', opensshExitArgs(this.options, t), { env: this.env() }, () =>
              done(),
            ),
          ),
      ),
    );
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, ...(this.ticket?.env ?? {}) };
  }

  private start(args: string[], script: string): { started: StartedScript; stderrTail: () => string } {
    const child = spawn(this.options.ssh ?? 'ssh', args, { stdio: 'pipe', env: this.env() });
    let tail = '';
    child.stderr.on('data', (d: Buffer) => (tail = (tail + d.toString('utf8')).slice(-STDERR_TAIL)));
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
      child.once('error', (e) =>
        reject(new AdapterError('unavailable', 'ssh', `cannot start ssh: ${e.message}`, { cause: e })),
      );
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(script);
    return {
      started: {
        stdout: child.stdout,
        stderr: child.stderr,
        ended,
        // Only the client: the master connection is shared by other runs and stays.
        stop: () => child.kill('SIGKILL'),
      },
      stderrTail: () => tail,
    };
  }
}

/** Creates `dir` readable by this account only, and refuses one that others can enter. */
function privateDir(dir: string): true {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  if (typeof process.getuid === 'function' && st.uid !== process.getuid())
    throw new AdapterError('rejected', 'ssh', `control directory ${dir} belongs to another account`);
  if (st.mode & 0o077) chmodSync(dir, 0o700);
  return true;
}
