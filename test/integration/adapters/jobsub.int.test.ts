import { afterAll, beforeAll, describe } from 'vitest';
import { JobsubClient } from '../../../src/adapters/jobsub/index.js';
import {
  LocalShell,
  Ssh2Shell,
  type RemoteShell,
  type ShellTarget,
} from '../../../src/adapters/ssh/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { describeJobsubContract, type JobsubContractEnv } from './contracts/jobsub-contract.js';
import { linkShims, startTestSimulator } from './sim-fixture.js';
import { skipSsh, sshInfo, sshOptions, sshTarget } from './ssh-fixture.js';

let sim: RunningSimulator;
let nextId = 1000;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim?.stop());

function env(shell: RemoteShell, target: ShellTarget): JobsubContractEnv {
  return {
    jobsub: new JobsubClient({ shell, now: () => new Date(sim.clock.now()), timeoutMs: 30_000 }),
    shell,
    target,
    setup: { setup: 'setup jobsub_client; htgettoken -a vault.example -i fermilab >/dev/null' },
    group: 'fermilab',
    dataset: 'demo_raw_small',
    nextSubmissionId: () => nextId++,
    advance: async (ms) => sim.clock.advance(ms),
  };
}

describe('Jobsub through the local shell with the shims on PATH', () => {
  describeJobsubContract('JobsubClient + LocalShell', () =>
    env(new LocalShell({ pathPrefix: [sim.shimBinDir], env: { POMS_SIM_URL: sim.url } }), {
      host: 'localhost',
      account: 'samdevpro',
    }),
  );
});

describe.skipIf(skipSsh)('Jobsub over SSH to the loopback sshd', () => {
  beforeAll(() => {
    if (!sshInfo) throw new Error('CI=true but the throwaway sshd is not running');
    linkShims(sim, `${sshInfo.dir}/bin`);
  });
  describeJobsubContract('JobsubClient + Ssh2Shell', () =>
    env(new Ssh2Shell(sshOptions({ env: { POMS_SIM_URL: sim.url } })), sshTarget()),
  );
});
