import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lensPercent, lensStatus, type LensCounts } from '../../../../src/domain/submissions/lens-status.js';

const counts = (
  running: number,
  idle: number,
  held: number,
  completed: number,
  failed: number,
  cancelled: number,
  done: boolean,
): LensCounts => ({ running, idle, held, completed, failed, cancelled, done });

// poms-inventory §12 agent_status_cases, adjusted for our documented fix (a single cancelled job is
// Cancelled) and with Unknown spelled null.
describe('lensStatus: inventory agent_status_cases', () => {
  it.each([
    [counts(0, 0, 0, 10, 6, 0, true), 'Failed'],
    [counts(0, 0, 0, 10, 5, 0, true), 'Completed'],
    [counts(0, 0, 0, 0, 0, 3, true), 'Cancelled'],
    [counts(0, 0, 0, 0, 0, 1, true), 'Cancelled'], // original: Completed (needed cancelled > 1)
    [counts(1, 5, 2, 0, 0, 0, false), 'Held'],
    [counts(0, 5, 0, 0, 0, 0, false), 'Idle'],
    [counts(3, 5, 0, 0, 0, 0, false), 'Running'],
    [counts(0, 0, 0, 0, 0, 0, false), null],
  ])('%o → %s', (c, expected) => expect(lensStatus(c)).toBe(expected));
});

describe('lensStatus: more cases', () => {
  it.each([
    [counts(0, 0, 0, 0, 0, 0, true), 'Completed', 'done with no jobs: failed×2 > completed is strict'],
    [counts(0, 0, 0, 1, 0, 1, true), 'Completed', 'cancelled plus a completed job'],
    [counts(0, 0, 0, 0, 1, 5, true), 'Failed', 'cancelled plus a failed job'],
    [counts(0, 0, 0, 2, 1, 0, true), 'Completed', 'failed×2 = completed is not Failed'],
    [counts(0, 0, 0, 0, 1, 0, true), 'Failed', 'single failed job'],
    [counts(2, 0, 0, 0, 0, 0, true), 'Completed', 'done wins over stale running counts'],
    [counts(0, 0, 0, 7, 0, 0, false), null, 'not done, nothing queued: unknown'],
    [counts(0, 0, 0, 3, 9, 2, false), null, 'not done, only finished jobs: unknown'],
    [counts(4, 0, 0, 0, 0, 0, false), 'Running', 'running only'],
    [counts(0, 0, 1, 0, 0, 0, false), 'Held', 'held only'],
  ])('%o → %s (%s)', (c, expected, _why) => expect(lensStatus(c)).toBe(expected));

  it('is Cancelled exactly when done and cancelled are the only jobs', () => {
    const n = fc.nat(50);
    fc.assert(
      fc.property(n, n, n, n, n, n, (r, i, h, c, f, x) => {
        const isCancelled = lensStatus(counts(r, i, h, c, f, x, true)) === 'Cancelled';
        expect(isCancelled).toBe(x >= 1 && r + i + h + c + f === 0);
      }),
    );
  });
});

describe('lensPercent', () => {
  it('is finished jobs over the largest total seen', () => {
    expect(lensPercent(counts(6, 3, 1, 0, 0, 0, false), null)).toEqual({ pct: 0, maxSeen: 10 });
    expect(lensPercent(counts(2, 0, 0, 5, 2, 1, false), 10)).toEqual({ pct: 80, maxSeen: 10 });
    // jobs left the queue: the total shrank to 4 but 10 were seen
    expect(lensPercent(counts(1, 0, 0, 3, 0, 0, false), 10)).toEqual({ pct: 30, maxSeen: 10 });
  });

  it('is null while no job has been seen, and uses njobs when larger', () => {
    expect(lensPercent(counts(0, 0, 0, 0, 0, 0, false), null)).toEqual({ pct: null, maxSeen: 0 });
    expect(lensPercent({ ...counts(0, 0, 0, 1, 0, 0, false), njobs: 4 }, 2)).toEqual({ pct: 25, maxSeen: 4 });
  });

  it('stays within 0..100 and never lowers maxSeen', () => {
    const n = fc.nat(1000);
    fc.assert(
      fc.property(n, n, n, n, n, n, fc.option(fc.nat(5000)), (r, i, h, c, f, x, max) => {
        const out = lensPercent(counts(r, i, h, c, f, x, false), max);
        expect(out.maxSeen).toBeGreaterThanOrEqual(max ?? 0);
        expect(out.maxSeen).toBeGreaterThanOrEqual(r + i + h + c + f + x);
        if (out.pct !== null) {
          expect(out.pct).toBeGreaterThanOrEqual(0);
          expect(out.pct).toBeLessThanOrEqual(100);
        } else expect(out.maxSeen).toBe(0);
      }),
    );
  });
});
