import { describe, expect, it } from 'vitest';
import { markUnused } from '../../../../src/domain/health/unused-checks.js';

describe('markUnused', () => {
  const checks = {
    database: { ok: true, ms: 1 },
    sam: { ok: true, ms: 2, detail: 'experiment samdev' },
    metacat: { ok: false, ms: 3, detail: '503 Service Unavailable' },
  };
  const serviceOf = { sam: 'sam', metacat: 'metacat' } as const;

  it('marks the checks of a data service no active experiment uses, saying so', () => {
    const out = markUnused(checks, serviceOf, new Set(['sam'] as const));
    expect(out.metacat).toEqual({
      ok: false,
      ms: 3,
      unused: true,
      detail: '503 Service Unavailable; no active experiment uses MetaCat',
    });
    expect(out.sam).toEqual(checks.sam);
    expect(out.database).toEqual(checks.database);
  });

  it('leaves every check needed when a used service or the usage is unknown', () => {
    expect(markUnused(checks, serviceOf, new Set(['sam', 'metacat'] as const))).toEqual(checks);
    expect(markUnused(checks, serviceOf, null)).toEqual(checks);
  });

  it('marks SAM unused when every active experiment is on MetaCat', () => {
    const out = markUnused(checks, serviceOf, new Set(['metacat'] as const));
    expect(out.sam.unused).toBe(true);
    expect(out.sam.detail).toBe('experiment samdev; no active experiment uses SAM');
    expect(out.metacat.unused).toBeUndefined();
  });
});
