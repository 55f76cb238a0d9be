import { afterAll, beforeAll, describe } from 'vitest';
import { SamwebClient } from '../../../src/adapters/sam/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { describeSamContract } from './contracts/sam-contract.js';
import { startTestSimulator } from './sim-fixture.js';

describe('SamwebClient over HTTP against the simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim?.stop());

  describeSamContract('SamwebClient', () => ({
    sam: new SamwebClient({ baseUrl: sim.samBaseUrl, token: sim.samToken }),
    experiment: 'samdev',
    dataset: { name: 'demo_raw', pattern: 'raw_run1000_%' },
  }));
});
