import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../src/adapters/adapter-error.js';
import { LensClient } from '../../../src/adapters/lens/index.js';
import { SamwebClient } from '../../../src/adapters/sam/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { patchFaults, startTestSimulator } from './sim-fixture.js';

// The simulator's outage and slowness knobs against the real clients: typed errors, retries on
// 5xx and timeouts (fast retries here), never a retry of a malformed or refused answer.

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim?.stop());
afterEach(() =>
  patchFaults(sim, {
    sam: { outage: 'off', slowRealMs: 0, queryLimit: null },
    lens: { outage: 'off', slowRealMs: 0 },
  }),
);

const retry = { retries: 2, baseDelayMs: 10, maxDelayMs: 20 };
const sam = () => new SamwebClient({ baseUrl: sim.samBaseUrl, token: sim.samToken, timeoutMs: 2000, retry });
const lens = () => new LensClient({ url: sim.lensUrl, timeoutMs: 2000, retry });

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}

describe('SAM faults', () => {
  it('5xx: retried, then unavailable with the status and attempts', async () => {
    await patchFaults(sim, { sam: { outage: '5xx' } });
    const e = await failure(sam().countFiles('samdev', 'defname: demo_raw'));
    expect([e.kind, e.service, e.status, e.attempts]).toEqual(['unavailable', 'sam', 503, 3]);
    expect((await sam().health('samdev')).ok).toBe(false);
  });

  it('a short outage is ridden out by the retries', async () => {
    await patchFaults(sim, { sam: { outage: '5xx' } });
    const client = new SamwebClient({
      baseUrl: sim.samBaseUrl,
      token: sim.samToken,
      retry: { retries: 4, baseDelayMs: 300, maxDelayMs: 300 },
    });
    const pending = client.countFiles('samdev', 'defname: demo_raw');
    await new Promise((r) => setTimeout(r, 100));
    await patchFaults(sim, { sam: { outage: 'off' } });
    expect(await pending).toBe(40);
  });

  it('garbage: malformed at once, with the raw page kept', async () => {
    await patchFaults(sim, { sam: { outage: 'garbage' } });
    const e = await failure(sam().listFiles('samdev', 'defname: demo_raw'));
    expect([e.kind, e.attempts]).toEqual(['malformed', undefined]);
    expect(e.raw).toContain('Proxy Error');
    expect((await failure(sam().projectSummary('samdev', 'p'))).kind).toBe('malformed');
  });

  it('slowness past the timeout: retried, then timeout', async () => {
    await patchFaults(sim, { sam: { slowRealMs: 400 } });
    const client = new SamwebClient({
      baseUrl: sim.samBaseUrl,
      token: sim.samToken,
      timeoutMs: 100,
      retry: { ...retry, retries: 1 },
    });
    const e = await failure(client.countFiles('samdev', 'defname: demo_raw'));
    expect([e.kind, e.attempts]).toEqual(['timeout', 2]);
  });

  it('the query limit: rejected, not retried', async () => {
    await patchFaults(sim, { sam: { queryLimit: 10 } });
    const e = await failure(sam().countFiles('samdev', 'defname: demo_raw'));
    expect([e.kind, e.attempts, e.message]).toEqual([
      'rejected',
      undefined,
      expect.stringContaining('query limit'),
    ]);
    expect(await sam().countFiles('samdev', 'defname: demo_raw with limit 5')).toBe(5);
  });
});

describe('Lens faults', () => {
  it('5xx: retried, then unavailable', async () => {
    await patchFaults(sim, { lens: { outage: '5xx' } });
    const e = await failure(lens().recentSubmissions('fermilab'));
    expect([e.kind, e.service, e.status, e.attempts]).toEqual(['unavailable', 'lens', 502, 3]);
    expect((await lens().health()).ok).toBe(false);
  });

  it('garbage: malformed with the raw text', async () => {
    await patchFaults(sim, { lens: { outage: 'garbage' } });
    const e = await failure(lens().submission({ taskId: 1 }));
    expect([e.kind, e.raw]).toEqual([
      'malformed',
      'upstream connect error or disconnect/reset before headers',
    ]);
  });

  it('a GraphQL error answer: rejected with the message', async () => {
    await patchFaults(sim, { lens: { outage: 'errors' } });
    const e = await failure(lens().submissions([{ taskId: 1 }, { taskId: 2 }]));
    expect([e.kind, e.message]).toEqual(['rejected', expect.stringContaining('Lens backend unavailable')]);
  });

  it('slowness past the timeout: retried, then timeout', async () => {
    await patchFaults(sim, { lens: { slowRealMs: 400 } });
    const client = new LensClient({ url: sim.lensUrl, timeoutMs: 100, retry });
    const e = await failure(client.recentSubmissions('fermilab'));
    expect([e.kind, e.attempts]).toEqual(['timeout', 3]);
  });
});
