import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutation, seedFiles } from '../../helpers/ini-mutations.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// Issue 12: mutated campaign files through the real import (HTTP → service → PostgreSQL). No
// answer is a 5xx, and a refused import leaves every table as it was (no partial write). The pure
// parser gets thousands more in test/unit/domain/ini/import-fuzz.test.ts.
const COUNT = 300;
const TABLES = [
  'campaigns',
  'stages',
  'dependencies',
  'job_types',
  'job_type_recoveries',
  'login_setups',
  'audit_log',
];

describe('.ini import fuzz through HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const fingerprint = async () => {
    const parts = TABLES.map((t) => `(select count(*) from ${t})`).join(" || ' ' || ");
    const { rows } = (await app.testDb.db.raw(`select ${parts} as f`)) as { rows: Array<{ f: string }> };
    return rows[0].f;
  };

  it(`answers ${COUNT} mutated imports with no 5xx and no partial write`, async () => {
    const seeds = seedFiles();
    const wrong: string[] = [];
    const seen = new Map<number, number>();
    // Offset from the unit test's numbers: different mutations.
    for (let i = 100_000; i < 100_000 + COUNT; i++) {
      const m = mutation(seeds, i);
      const before = await fingerprint();
      const res = await fetch(`${app.url}/api/v1/experiments/samdev/campaigns/import`, {
        method: 'POST',
        body: new Uint8Array(m.bytes),
        headers: { 'content-type': 'text/plain', 'x-remote-user': 'producer', accept: 'application/json' },
      });
      const text = await res.text();
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      if (res.status >= 500) wrong.push(`${m.label}: ${res.status} ${text.slice(0, 160)}`);
      else if (res.status >= 400 && (await fingerprint()) !== before)
        wrong.push(`${m.label}: refused with ${res.status} but tables changed`);
    }
    expect(wrong).toEqual([]);
    expect(seen.get(400) ?? 0).toBeGreaterThan(COUNT / 4); // the mutations do break files
  }, 300_000);
});
