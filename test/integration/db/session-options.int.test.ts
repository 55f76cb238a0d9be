import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// POMS's PostgreSQL sessions run without parallel query (create-db.ts): its statements are
// bounded, and starting two workers cost more than they saved on a small server. Checked on
// several pooled connections at once and inside a transaction; PGlite has one process and no
// such setting to change.
describe('database sessions', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({});
  });
  afterAll(async () => t?.destroy());

  const setting = async (q: TestDb['db']) =>
    ((await q.raw('show max_parallel_workers_per_gather')) as { rows: Array<Record<string, string>> }).rows[0]
      .max_parallel_workers_per_gather;

  it('plan without parallel workers on PostgreSQL, on every connection', async () => {
    const seen = await Promise.all(
      Array.from({ length: 4 }, () => t.db.transaction(async (trx) => setting(trx))),
    );
    seen.push(await setting(t.db));
    if (t.kind === 'pg') expect(seen).toEqual(['0', '0', '0', '0', '0']);
    else expect(new Set(seen).size).toBe(1);
  });
});
