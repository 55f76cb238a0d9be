import { afterAll, beforeAll, describe, expect } from 'vitest';
import { parseLaunchOutput } from '../../../src/adapters/jobsub/parse/index.js';
import { LensClient } from '../../../src/adapters/lens/index.js';
import { projectFromCommand } from '../../../src/adapters/lens/query/index.js';
import { LocalShell } from '../../../src/adapters/ssh/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { describeLensContract, type LensContractEnv } from './contracts/lens-contract.js';
import { demoLaunchScript } from './launch-fixture.js';
import { startTestSimulator } from './sim-fixture.js';

describe('LensClient over GraphQL against the simulator', () => {
  let sim: RunningSimulator;
  let known: LensContractEnv['known'];
  beforeAll(async () => {
    sim = await startTestSimulator();
    const shell = new LocalShell({ pathPrefix: [sim.shimBinDir], env: { POMS_SIM_URL: sim.url } });
    const r = await shell.run(
      { host: 'localhost', account: 'samdevpro' },
      demoLaunchScript({ submissionId: 101, dataset: 'demo_raw_small', njobs: 2 }),
    );
    const events = parseLaunchOutput(r.output);
    expect(events.jobIds).toHaveLength(1);
    // A minute later the DAG's workers are queued, so Lens has jobs to count.
    sim.clock.advance(60_000);
    known = { jobId: events.jobIds[0], taskId: 101, project: projectFromCommand(r.output) };
    expect(known.project).toMatch(/^demo_raw_small_/);
  });
  afterAll(() => sim?.stop());

  describeLensContract('LensClient', () => ({
    lens: new LensClient({ url: sim.lensUrl }),
    group: 'fermilab',
    known,
    now: () => sim.clock.now(),
  }));
});
