import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, startSecondInstance, withToken, type ApiHarness } from './api-harness.js';

// Issue 16: the API-token rate limit holds across app processes. Two app instances, each with its
// own services and connection pool on the same PostgreSQL database, share one bucket per token.
// The refill rate is one token per 1,000 s, so the test's duration never refills a bucket.
describe('API token rate limit shared by two app instances', () => {
  const BURST = 3;
  let h: ApiHarness;
  let second: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    h = await startApiHarness({
      overrides: { api: { token_rate_per_s: '0.001', token_burst: String(BURST) } },
    });
    second = await startSecondInstance(h);
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  it('allows one burst in total when requests alternate between the instances', async () => {
    const token = await h.token('shifter', { max_role: 'analysis' });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++)
      codes.push((await withToken(i % 2 ? second.url : h.url, token, 'GET', '/api/v1/me')).status);
    // Per-process buckets would have allowed BURST on each instance (six 200s).
    expect(codes).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const refused = await withToken(second.url, token, 'GET', '/api/v1/me');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(900);
    expect(refused.json.error.message).toMatch(/too many requests with this API token/);
  });

  it('allows exactly one burst when requests race on both instances at once', async () => {
    const token = await h.token('shifter', { max_role: 'analysis' });
    const codes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withToken(i % 2 ? second.url : h.url, token, 'GET', '/api/v1/me').then((r) => r.status),
      ),
    );
    expect(codes.filter((c) => c === 200)).toHaveLength(BURST);
    expect(codes.filter((c) => c === 429)).toHaveLength(12 - BURST);
    const row = await h.testDb
      .db('rate_buckets')
      .where('bucket', 'like', 'token:%')
      .orderBy('at', 'desc')
      .first();
    expect(row.allowed).toBe(false);
    expect(Number(row.level)).toBeLessThan(1);
  });

  it('lets a prune forget idle buckets only', async () => {
    const { rateBucketStore } = await import('../../../src/db/stores/rate-bucket-store.js');
    const store = rateBucketStore(h.testDb.db);
    await store.take('test:idle', 1, 2);
    await h.testDb
      .db('rate_buckets')
      .where({ bucket: 'test:idle' })
      .update({ at: new Date(Date.now() - 7200_000) });
    await store.take('test:busy', 1, 2);
    expect(await store.prune(3600_000)).toBe(1);
    expect((await h.testDb.db('rate_buckets').pluck('bucket')).sort()).toEqual(
      expect.arrayContaining(['test:busy']),
    );
    expect(await h.testDb.db('rate_buckets').where({ bucket: 'test:idle' }).first()).toBeUndefined();
  });
});
