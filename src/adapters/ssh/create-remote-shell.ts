import { AdapterError } from '../adapter-error.js';
import { LocalShell, type LocalShellOptions } from './local-shell.js';
import { OpensshShell, type OpensshShellOptions } from './openssh-shell.js';
import type { RemoteShell, RunOptions, RunResult, ShellTarget } from './remote-shell.js';
import { describeTarget } from './remote-shell.js';
import { Ssh2Shell, type Ssh2ShellOptions } from './ssh2-shell.js';

export interface RemoteShellConfig {
  /** The built-in (ssh2) transport: keys only. Without it and openssh only local hosts work. */
  ssh?: Ssh2ShellOptions;
  /** The system OpenSSH client: Kerberos (GSSAPI) or keys, connection reuse. */
  openssh?: OpensshShellOptions;
  /** Which transport a host uses: `openssh` for all, or `ssh2` except hosts matching `opensshHosts`. */
  transport?: 'ssh2' | 'openssh';
  /** Host globs (`*.fnal.gov`) that go through the system ssh whatever `transport` says. */
  opensshHosts?: readonly string[];
  /**
   * Run scripts for a local host (`localhost`, `127.0.0.1`, `::1`) in a local bash instead of over
   * SSH (the demo's launch host). Absent: local hosts go over SSH like any other.
   */
  local?: LocalShellOptions;
}

export const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1']);

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );

/** The RemoteShell POMS uses: local bash for local hosts when configured, SSH for the rest. */
export function createRemoteShell(config: RemoteShellConfig): RemoteShell & { close(): Promise<void> } {
  const local = config.local ? new LocalShell(config.local) : null;
  const ssh = config.ssh ? new Ssh2Shell(config.ssh) : null;
  const openssh = config.openssh ? new OpensshShell(config.openssh) : null;
  const viaOpenssh = (config.opensshHosts ?? []).map(glob);
  const pick = (t: ShellTarget): RemoteShell => {
    if (local && LOCAL_HOSTS.has(t.host.toLowerCase())) return local;
    const wantsOpenssh = config.transport === 'openssh' || viaOpenssh.some((re) => re.test(t.host));
    if (wantsOpenssh && openssh) return openssh;
    if (!wantsOpenssh && ssh) return ssh;
    const missing = wantsOpenssh
      ? 'the system ssh transport is not configured ([ssh] known_hosts / key or gssapi)'
      : 'no SSH key configured';
    throw new AdapterError('rejected', 'ssh', `${missing}: cannot reach ${describeTarget(t)}`);
  };
  return {
    run: async (t: ShellTarget, script: string, opts?: RunOptions): Promise<RunResult> =>
      pick(t).run(t, script, opts),
    kill: async (t: ShellTarget, pid: number, opts?: Omit<RunOptions, 'onOutput'>): Promise<RunResult> =>
      pick(t).kill(t, pid, opts),
    close: async () => openssh?.close(),
  };
}
