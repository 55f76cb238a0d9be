import type { ClientChannel } from 'ssh2';
import { AdapterError } from '../adapter-error.js';
import { remoteCommand } from './remote-command.js';
import { connectSsh, type SshClient, type SshCredentials } from './connect-ssh.js';
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

export interface Ssh2ShellOptions extends SshCredentials, ScriptEnvironment {
  maxOutputChars?: number;
  /** Run scripts in a login shell (`bash -l`): the host's profile prepares UPS/Spack. */
  loginShell?: boolean;
}

/** The remote command without a login shell (see remoteCommand). */
export const REMOTE_COMMAND = remoteCommand(false);

/**
 * RemoteShell over SSH with the `ssh2` package: one connection per run, public-key authentication,
 * host key pinned from a known_hosts file. On timeout or abort the channel and connection are closed;
 * sshd does not kill the remote processes then, so a caller that knows the script's `$$` (the launch
 * log's `== process_id ==`) uses `kill`.
 */
export class Ssh2Shell implements RemoteShell {
  constructor(private readonly options: Ssh2ShellOptions) {}

  async run(target: ShellTarget, script: string, opts: RunOptions = {}): Promise<RunResult> {
    const client = await connectSsh(target, this.options, opts.signal);
    try {
      const started = await execScript(
        client,
        remoteCommand(this.options.loginShell),
        withPreamble(script, this.options),
        describeTarget(target),
      );
      return await superviseRun(started, {
        ...opts,
        service: 'ssh',
        label: `bash -s on ${describeTarget(target)}`,
        maxOutputChars: this.options.maxOutputChars,
      });
    } finally {
      client.end();
    }
  }

  kill(target: ShellTarget, pid: number, opts: Omit<RunOptions, 'onOutput'> = {}): Promise<RunResult> {
    return this.run(target, killScript(pid), opts);
  }
}

function execScript(client: SshClient, command: string, script: string, who: string): Promise<StartedScript> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err: Error | undefined, stream: ClientChannel) => {
      if (err)
        return reject(new AdapterError('rejected', 'ssh', `${who} refused to run a command: ${err.message}`));
      const ended = new Promise<{ code: number | null; signal: string | null }>((done, fail) => {
        let status: { code: number | null; signal: string | null } | undefined;
        stream.on(
          'exit',
          (code: number | null, signal?: string) => (status = { code, signal: signal ?? null }),
        );
        stream.on('close', () =>
          status
            ? done(status)
            : fail(
                new AdapterError('unavailable', 'ssh', `connection to ${who} lost before the script ended`),
              ),
        );
        client.on('error', (e: Error) =>
          fail(
            new AdapterError('unavailable', 'ssh', `connection to ${who} failed: ${e.message}`, { cause: e }),
          ),
        );
      });
      stream.end(script);
      resolve({ stdout: stream, stderr: stream.stderr, ended, stop: () => stream.close() });
    });
  });
}
