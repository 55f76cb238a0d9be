import { describe, expect, it } from 'vitest';
import { defaultWindow, MAX_DEFAULT_SPAN_MS } from '../../../../src/services/overview/timeline-window.js';

const DAY = 86_400_000;
const now = new Date('2026-12-06T12:00:00Z');

describe('the default time-bars window', () => {
  it('shows a short activity whole, with a 3 % margin each side', () => {
    const first = new Date(now.getTime() - 2 * DAY);
    const w = defaultWindow({ first, last: now, open: 1 }, now);
    expect(w.tmin.getTime()).toBeCloseTo(first.getTime() - 0.03 * 2 * DAY, -3);
    expect(w.tmax.getTime()).toBeCloseTo(now.getTime() + 0.03 * 2 * DAY, -3);
  });

  it('shows only the last week of a long activity, ending at its last change when nothing runs', () => {
    const last = new Date(now.getTime() - 30 * DAY);
    const w = defaultWindow({ first: new Date(now.getTime() - 700 * DAY), last, open: 0 }, now);
    expect(w.tmax.getTime() - w.tmin.getTime()).toBeCloseTo(MAX_DEFAULT_SPAN_MS, -3);
    expect(w.tmin.getTime()).toBeLessThan(last.getTime() - 6.6 * DAY);
    expect(w.tmax.getTime()).toBeGreaterThan(last.getTime());
  });

  it('is the last day when the campaign has no submissions', () => {
    expect(defaultWindow({ first: null, last: null, open: 0 }, now)).toEqual({
      tmin: new Date(now.getTime() - DAY),
      tmax: now,
    });
  });
});
