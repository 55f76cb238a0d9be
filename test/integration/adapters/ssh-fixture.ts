import { inject } from 'vitest';
import type { ShellTarget, Ssh2ShellOptions } from '../../../src/adapters/ssh/index.js';

/** The throwaway loopback sshd of the integration global setup; null when it is not running. */
export const sshInfo = inject('ssh');

/**
 * Whether to skip SSH suites: only when sshd is absent outside CI. With CI=true the global setup
 * refuses to start without sshd, and the suites check again.
 */
export const skipSsh = !sshInfo && process.env.CI !== 'true';

export function sshTarget(): ShellTarget {
  if (!sshInfo) throw new Error('no throwaway sshd (CI=true requires openssh-server)');
  return { host: '127.0.0.1', account: sshInfo.user, port: sshInfo.port };
}

export function sshOptions(extra: Partial<Ssh2ShellOptions> = {}): Ssh2ShellOptions {
  if (!sshInfo) throw new Error('no throwaway sshd (CI=true requires openssh-server)');
  return {
    privateKeyFile: sshInfo.key,
    knownHostsFile: sshInfo.knownHosts,
    connectTimeoutMs: 10_000,
    ...extra,
  };
}
