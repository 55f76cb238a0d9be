import { describe, expect, it } from 'vitest';
import { SUBMISSION_STATUSES } from '../../../../src/domain/submissions/status-machine.js';
import {
  NOW_COLOUR,
  STATUS_COLOURS,
  STATUS_LEGEND,
  STATUS_PATTERNS,
} from '../../../../src/services/overview/status-colours.js';

// Issue 17, time bars: every status has its own colour in the legend, "now" another, and the
// failures differ by pattern too, so they tell apart without colour.
describe('time bar colours', () => {
  it('gives every status a distinct colour in the legend, and now one of its own', () => {
    expect(STATUS_LEGEND.map((l) => l.status)).toEqual([...SUBMISSION_STATUSES]);
    const colours = STATUS_LEGEND.map((l) => l.colour.toLowerCase());
    expect(new Set(colours).size).toBe(SUBMISSION_STATUSES.length);
    expect(colours).not.toContain(NOW_COLOUR);
    for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('marks Failed and LaunchFailed with different patterns', () => {
    expect(STATUS_PATTERNS.Failed).toBeTruthy();
    expect(STATUS_PATTERNS.LaunchFailed).toBeTruthy();
    expect(STATUS_PATTERNS.Failed).not.toBe(STATUS_PATTERNS.LaunchFailed);
    expect(STATUS_COLOURS.Failed).not.toBe(STATUS_COLOURS.LaunchFailed);
    expect(STATUS_LEGEND.find((l) => l.status === 'Failed')!.pattern).toBe(STATUS_PATTERNS.Failed);
  });
});
