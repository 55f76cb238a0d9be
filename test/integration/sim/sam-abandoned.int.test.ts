import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';

// The simulator is one thread: a count whose client gave up (a timeout) while it waited is not
// computed, so abandoned counts do not delay the ones still awaited (docs/numbers.md, the soak).
describe('simulated SAM and clients that have gone', () => {
  let sim: RunningSimulator;
  const count = (signal?: AbortSignal) =>
    fetch(`${sim.samBaseUrl}/samdev/api/files/count?dims=defname:demo_raw`, { signal });
  const abandoned = async () => {
    const state = await (await fetch(`${sim.url}/sim/admin/state`)).json();
    return state.experiments.find((e: { name: string }) => e.name === 'samdev').abandoned_calls;
  };

  beforeAll(async () => {
    sim = await startSimulator({ clock: 'manual', demo: true, stateDir: null });
    // Every SAM call waits 300 ms (real time) before it is handled, as behind a long count.
    sim.world.faults.patch({ sam: { slowRealMs: 300 } });
  });
  afterAll(() => sim?.stop());

  it('skips a count whose client timed out, and answers the next one', async () => {
    expect(await abandoned()).toBe(0);
    await expect(count(AbortSignal.timeout(50))).rejects.toThrow();
    await vi.waitFor(async () => expect(await abandoned()).toBe(1), { timeout: 10_000, interval: 100 });
    const answered = await count();
    expect(await answered.text()).toBe('40');
    expect(await abandoned()).toBe(1);
  });
});
