import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { samTotals, type SamProjectSummary } from '../../../../src/domain/files/sam-totals.js';
import {
  ACCOUNTING_COUNTS,
  countColumns,
  fileAccounting,
  sumAccounting,
  type FileAccounting,
} from '../../../../src/domain/files/file-accounting.js';

describe('samTotals', () => {
  it('from file_counts and process_counts', () => {
    const summary: SamProjectSummary = {
      project_status: 'completed',
      files_in_snapshot: 100,
      file_counts: {
        consumed: 80,
        completed: 5,
        failed: 3,
        skipped: 2,
        unconsumed: 1,
        cancelled: 4,
        delivered: 2,
        transferred: 1,
        unknown: 2,
      },
      process_counts: { completed: 18, bad: 2, active: 1 },
    };
    expect(samTotals(summary)).toEqual({
      consumed: 85,
      failed: 3,
      skipped: 3,
      cancelled: 4,
      delivered: 3,
      unknown: 2,
      jobs: 18,
      jobFails: 2,
    });
  });

  it('from per-process counts when there are no file_counts', () => {
    const summary: SamProjectSummary = {
      processes: [
        { status: 'completed', counts: { consumed: 10, failed: 1 } },
        { status: 'bad', counts: { consumed: 2, skipped: 3, delivered: 1 } },
        { status: 'active', counts: { delivered: 4 } },
      ],
    };
    expect(samTotals(summary)).toEqual({
      consumed: 12,
      failed: 1,
      skipped: 3,
      cancelled: 0,
      delivered: 5,
      unknown: 0,
      jobs: 3,
      jobFails: 1,
    });
  });

  it('missing, negative and junk counts read as 0', () => {
    const junk = {
      file_counts: { consumed: -3, failed: Number.NaN, skipped: 2.7 },
      process_counts: {},
    } as SamProjectSummary;
    expect(samTotals(junk)).toMatchObject({ consumed: 0, failed: 0, skipped: 2, jobs: 0, jobFails: 0 });
    expect(samTotals({})).toEqual({
      consumed: 0,
      failed: 0,
      skipped: 0,
      cancelled: 0,
      delivered: 0,
      unknown: 0,
      jobs: 0,
      jobFails: 0,
    });
  });
});

describe('fileAccounting', () => {
  it('builds the report row', () => {
    const row = fileAccounting({
      summary: {
        files_in_snapshot: 100,
        file_counts: {
          consumed: 80,
          completed: 5,
          failed: 3,
          skipped: 2,
          cancelled: 4,
          delivered: 2,
          unknown: 4,
        },
      },
      outputsDeclared: 180,
      outputsLocated: 170,
      inputsWithOutputsLocated: 82,
    });
    expect(row).toEqual({
      submitted: 100,
      delivered: 96,
      consumed: 85,
      failed: 3,
      skipped: 2,
      cancelled: 4,
      stillDelivered: 2,
      unknown: 4,
      outputsDeclared: 180,
      outputsLocated: 170,
      pending: 18,
      incomplete: false,
    });
  });

  it('marks missing sources and shows them as 0', () => {
    const row = fileAccounting({
      summary: null,
      outputsDeclared: null,
      outputsLocated: 3,
      inputsWithOutputsLocated: null,
    });
    expect(row).toMatchObject({
      submitted: 0,
      delivered: 0,
      outputsDeclared: 0,
      outputsLocated: 3,
      pending: 0,
      incomplete: true,
    });
  });

  it('pending never goes below 0', () => {
    const row = fileAccounting({
      summary: { files_in_snapshot: 5 },
      outputsDeclared: 0,
      outputsLocated: 0,
      inputsWithOutputsLocated: 9,
    });
    expect(row.pending).toBe(0);
  });
});

const count = fc.oneof(
  fc.nat(10_000),
  fc.constant(-1),
  fc.constant(Number.NaN),
  fc.double({ min: 0, max: 1e4 }),
);
const counts = fc.record(
  {
    consumed: count,
    completed: count,
    failed: count,
    skipped: count,
    cancelled: count,
    delivered: count,
    transferred: count,
    unconsumed: count,
    unknown: count,
  },
  { requiredKeys: [] },
);
const summary: fc.Arbitrary<SamProjectSummary> = fc.record(
  {
    files_in_snapshot: count,
    file_counts: counts,
    process_counts: fc.dictionary(fc.constantFrom('completed', 'bad', 'active'), count),
    processes: fc.array(fc.record({ status: fc.constantFrom('completed', 'bad', 'active'), counts }), {
      maxLength: 5,
    }),
  },
  { requiredKeys: [] },
);
const nullableCount = fc.option(fc.nat(100_000));
const row = fc
  .record({
    summary: fc.option(summary),
    outputsDeclared: nullableCount,
    outputsLocated: nullableCount,
    inputsWithOutputsLocated: nullableCount,
  })
  .map(fileAccounting);

const holdsIdentities = (a: FileAccounting) => {
  expect(a.delivered).toBe(a.consumed + a.failed + a.skipped + a.cancelled + a.stillDelivered);
  expect(a.pending).toBeLessThanOrEqual(a.submitted);
  for (const k of ACCOUNTING_COUNTS) {
    expect(Number.isInteger(a[k])).toBe(true);
    expect(a[k]).toBeGreaterThanOrEqual(0);
  }
};

describe('reconciliation identities (property)', () => {
  it('hold for every summary', () => {
    fc.assert(fc.property(row, holdsIdentities));
  });

  it('consumed counts both consumed and completed files', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        expect(samTotals({ file_counts: { consumed: a, completed: b } }).consumed).toBe(a + b);
      }),
    );
  });

  it('hold for stage/campaign sums, which are field-wise sums', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const total = sumAccounting(rows);
        holdsIdentities(total);
        for (const k of ACCOUNTING_COUNTS) expect(total[k]).toBe(rows.reduce((s, r) => s + r[k], 0));
        expect(total.incomplete).toBe(rows.some((r) => r.incomplete));
      }),
    );
  });
});

describe('countColumns', () => {
  const acc = (over: Partial<Parameters<typeof fileAccounting>[0]> = {}) =>
    fileAccounting({
      summary: { files_in_snapshot: 40, file_counts: { consumed: 37, failed: 3 } },
      outputsDeclared: 37,
      outputsLocated: 35,
      inputsWithOutputsLocated: 35,
      ...over,
    });

  it('stores done = submitted − pending, the number the report shows', () => {
    const a = acc();
    expect(countColumns(a)).toEqual({ files_submitted: 40, files_consumed: 37, files_located: 35 });
    expect(countColumns(a)!.files_located).toBe(a.submitted - a.pending);
  });

  it('stores nothing when a number is unknown (an unknown pending is not "all done")', () => {
    expect(countColumns(acc({ inputsWithOutputsLocated: null }))).toBeNull();
    expect(countColumns(acc({ summary: null }))).toBeNull();
  });

  it('stores nothing for a project with no files yet (still uncounted, not 0 of 0)', () => {
    expect(
      countColumns(acc({ summary: {}, outputsDeclared: 0, outputsLocated: 0, inputsWithOutputsLocated: 0 })),
    ).toBeNull();
  });
});
