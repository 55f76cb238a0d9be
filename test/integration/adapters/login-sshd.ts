import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ShellTarget } from '../../../src/adapters/ssh/index.js';

export interface LoginSshd {
  target: ShellTarget;
  key: string;
  knownHosts: string;
  /** The sessions' HOME, holding .bash_profile. */
  home: string;
  stop(): void;
}

// What UPS's setups.sh does for a login shell: defines `setup`, a shell function that prepares a
// product's environment. This one records what was set up in SETUP_<PRODUCT>.
const UPS_LIKE_PROFILE = `setup() {
  local p="$1"; shift
  export "SETUP_$(printf %s "$p" | tr a-z A-Z)=$p $*"
  echo "ups: setup $p $*"
}
`;

/**
 * A throwaway loopback sshd of its own (scripts/sshd-throwaway.sh) whose sessions' HOME holds a
 * login profile defining `setup`, as a Fermilab launch host's does: only a login shell has it.
 */
export function startLoginSshd(): LoginSshd {
  const home = mkdtempSync(join(tmpdir(), 'login-home-'));
  writeFileSync(join(home, '.bash_profile'), UPS_LIKE_PROFILE);
  const out = execFileSync('bash', ['scripts/sshd-throwaway.sh', 'start'], {
    encoding: 'utf8',
    env: { ...process.env, SSH_HOME: home },
  });
  const env = Object.fromEntries([...out.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
  return {
    target: { host: '127.0.0.1', port: Number(env.SSH_PORT), account: env.SSH_USER },
    key: env.SSH_KEY,
    knownHosts: env.SSH_KNOWN_HOSTS,
    home,
    stop: () => {
      execFileSync('bash', ['scripts/sshd-throwaway.sh', 'stop', env.SSHTMP_DIR]);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
