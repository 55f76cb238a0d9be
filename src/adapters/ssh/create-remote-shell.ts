import { AdapterError } from '../adapter-error.js';
import { LocalShell, type LocalShellOptions } from './local-shell.js';
import type { RemoteShell, RunOptions, RunResult, ShellTarget } from './remote-shell.js';
import { describeTarget } from './remote-shell.js';
import { Ssh2Shell, type Ssh2ShellOptions } from './ssh2-shell.js';

export interface RemoteShellConfig {
  /** SSH settings; without them only local hosts can be used. */
  ssh?: Ssh2ShellOptions;
  /**
   * Run scripts for a local host (`localhost`, `127.0.0.1`, `::1`) in a local bash instead of over
   * SSH (the demo's launch host). Absent: local hosts go over SSH like any other.
   */
  local?: LocalShellOptions;
}

export const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1']);

/** The RemoteShell POMS uses: local bash for local hosts when configured, SSH for the rest. */
export function createRemoteShell(config: RemoteShellConfig): RemoteShell {
  const local = config.local ? new LocalShell(config.local) : null;
  const ssh = config.ssh ? new Ssh2Shell(config.ssh) : null;
  const pick = (t: ShellTarget): RemoteShell => {
    if (local && LOCAL_HOSTS.has(t.host.toLowerCase())) return local;
    if (ssh) return ssh;
    throw new AdapterError('rejected', 'ssh', `no SSH key configured: cannot reach ${describeTarget(t)}`);
  };
  return {
    run: async (t: ShellTarget, script: string, opts?: RunOptions): Promise<RunResult> =>
      pick(t).run(t, script, opts),
    kill: async (t: ShellTarget, pid: number, opts?: Omit<RunOptions, 'onOutput'>): Promise<RunResult> =>
      pick(t).kill(t, pid, opts),
  };
}
