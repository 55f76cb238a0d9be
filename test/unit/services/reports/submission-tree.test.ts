import { describe, expect, it } from 'vitest';
import { nestSubmissions } from '../../../../src/services/reports/submission-tree.js';

const s = (id: number, parent: number | null = null, depends: number | null = null) => ({
  submission_id: id,
  parent_submission_id: parent,
  depends_on_submission_id: depends,
});

describe('nestSubmissions', () => {
  it('puts recoveries (↺) and dependency launches (↳) under their cause, depth first', () => {
    const roots = [s(10), s(1)];
    const desc = [s(13, null, 11), s(12, 10), s(11, null, 10), s(2, 1)];
    expect(
      nestSubmissions(roots, desc).map((n) => [n.row.submission_id, n.depth, n.marker, n.causeListed]),
    ).toEqual([
      [10, 0, null, false],
      [11, 1, '↳', true],
      [13, 2, '↳', true],
      [12, 1, '↺', true],
      [1, 0, null, false],
      [2, 1, '↺', true],
    ]);
  });

  it('marks a root whose cause is elsewhere (another stage, another window)', () => {
    const [n] = nestSubmissions([s(5, null, 3)], []);
    expect([n.marker, n.cause, n.causeListed]).toEqual(['↳', 3, false]);
  });
});
