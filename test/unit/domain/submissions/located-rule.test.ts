import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCATED_MAX_WAIT_MS,
  decideLocated,
  locatedThreshold,
  type LocatedInput,
} from '../../../../src/domain/submissions/located-rule.js';
import { AppError } from '../../../../src/lib/errors.js';

const completedAt = new Date('2025-04-01T10:00:00Z');
const hours = (h: number) => new Date(completedAt.getTime() + h * 3600_000);
const base: LocatedInput = {
  completionType: 'located',
  completionPct: 95,
  filesConsumed: 100,
  locatedInputCount: 0,
  isRecovery: false,
  completedAt,
  now: hours(1),
  forced: false,
};

describe('locatedThreshold', () => {
  it('is ceil(pct × consumed / 100)', () => {
    expect(locatedThreshold(95, 100)).toBe(95);
    expect(locatedThreshold(95, 10)).toBe(10); // 9.5 → 10: 9 files are not enough
    expect(locatedThreshold(50, 3)).toBe(2);
    expect(locatedThreshold(100, 7)).toBe(7);
    expect(locatedThreshold(99.9, 1000)).toBe(999);
    expect(locatedThreshold(95, 0)).toBe(0);
  });

  it('refuses a completion pct outside (0, 100] and odd counts', () => {
    expect(() => locatedThreshold(0, 10)).toThrow(AppError);
    expect(() => locatedThreshold(101, 10)).toThrow(AppError);
    expect(() => locatedThreshold(95, -1)).toThrow(AppError);
    expect(() => locatedThreshold(95, 1.5)).toThrow(AppError);
  });
});

describe('decideLocated', () => {
  it('completion type complete: Located at once, without SAM', () => {
    expect(decideLocated({ ...base, completionType: 'complete', locatedInputCount: null })).toEqual({
      located: true,
      reason: 'complete',
      threshold: null,
      count: null,
    });
  });

  it('located when the count reaches the threshold', () => {
    expect(decideLocated({ ...base, locatedInputCount: 95 })).toEqual({
      located: true,
      reason: 'threshold',
      threshold: 95,
      count: 95,
    });
    expect(decideLocated({ ...base, locatedInputCount: 94 })).toEqual({
      located: false,
      reason: 'waiting',
      threshold: 95,
      count: 94,
    });
    expect(decideLocated({ ...base, filesConsumed: 10, locatedInputCount: 9 }).located).toBe(false);
    expect(decideLocated({ ...base, filesConsumed: 10, locatedInputCount: 10 }).reason).toBe('threshold');
  });

  it('threshold 0 passes only for a recovery', () => {
    const zero = { ...base, filesConsumed: 0, locatedInputCount: 0 };
    expect(decideLocated(zero)).toMatchObject({ located: false, reason: 'waiting', threshold: 0 });
    expect(decideLocated({ ...zero, isRecovery: true })).toMatchObject({
      located: true,
      reason: 'threshold',
    });
  });

  it('unknown counts wait (SAM unavailable)', () => {
    expect(decideLocated({ ...base, filesConsumed: null, locatedInputCount: 50 })).toMatchObject({
      located: false,
      reason: 'waiting',
      threshold: null,
    });
    expect(decideLocated({ ...base, locatedInputCount: null })).toMatchObject({
      located: false,
      threshold: 95,
    });
    expect(decideLocated({ ...base, filesConsumed: -1, locatedInputCount: 5 })).toMatchObject({
      located: false,
      threshold: null,
    });
    expect(decideLocated({ ...base, locatedInputCount: -1 })).toMatchObject({ located: false, count: null });
  });

  it('forced by a person', () => {
    expect(decideLocated({ ...base, forced: true })).toMatchObject({ located: true, reason: 'forced' });
  });

  it('after the max wait since Completed (default 2 days, configurable)', () => {
    expect(DEFAULT_LOCATED_MAX_WAIT_MS).toBe(48 * 3600_000);
    expect(decideLocated({ ...base, now: hours(47.9) }).located).toBe(false);
    expect(decideLocated({ ...base, now: hours(48) })).toMatchObject({ located: true, reason: 'max_wait' });
    expect(decideLocated({ ...base, now: hours(3), maxWaitMs: 2 * 3600_000 }).reason).toBe('max_wait');
  });

  it('reports the threshold reason before forced or max wait', () => {
    expect(decideLocated({ ...base, forced: true, now: hours(100), locatedInputCount: 100 }).reason).toBe(
      'threshold',
    );
  });
});
