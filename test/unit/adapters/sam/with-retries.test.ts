import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src/adapters/adapter-error.js';
import { retryDelay, withRetries } from '../../../../src/adapters/http/index.js';

const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 300 };

describe('retries', () => {
  it('doubles the delay up to the cap, jittering its second half', () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, { ...policy, random: () => 0 }))).toEqual([
      50, 100, 150, 150,
    ]);
    expect([0, 1, 2, 3].map((n) => retryDelay(n, { ...policy, random: () => 0.999999 }))).toEqual([
      expect.closeTo(100),
      expect.closeTo(200),
      expect.closeTo(300),
      expect.closeTo(300),
    ]);
  });

  it('retries transient errors only, and records the attempts on the last', async () => {
    const fast = { retries: 2, baseDelayMs: 1, maxDelayMs: 1 };
    let n = 0;
    const e = await withRetries(() => {
      n++;
      throw new AdapterError('timeout', 'sam', 'slow');
    }, fast).catch((x: unknown) => x);
    expect([n, (e as AdapterError).attempts]).toEqual([3, 3]);
    n = 0;
    const bad = await withRetries(() => {
      n++;
      throw new AdapterError('malformed', 'sam', 'junk');
    }, fast).catch((x: unknown) => x);
    expect([n, (bad as AdapterError).attempts]).toEqual([1, undefined]);
    expect(
      await withRetries(
        async (i) => (i < 2 ? Promise.reject(new AdapterError('unavailable', 'lens', 'x')) : i),
        fast,
      ),
    ).toBe(2);
  });

  it('stops waiting when aborted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('bye')), 20);
    const slow = { retries: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 };
    await expect(
      withRetries(() => Promise.reject(new AdapterError('unavailable', 'sam', 'x')), slow, ac.signal),
    ).rejects.toThrow('bye');
  });
});
