import { describe, expect, it } from 'vitest';
import { statusSegments } from '../../../../src/domain/submissions/status-segments.js';

const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
const seg = (status: string, a: number, b: number) => ({ status, start: t(a), end: t(b) });

describe('statusSegments', () => {
  it('cuts the bar at each status change, the last status lasting to the end', () => {
    const h = [
      { status: 'New' as const, at: t(0) },
      { status: 'Idle' as const, at: t(2) },
      { status: 'Running' as const, at: t(5) },
      { status: 'Held' as const, at: t(9) },
      { status: 'Running' as const, at: t(12) },
      { status: 'Completed' as const, at: t(20) },
      { status: 'Located' as const, at: t(30) },
    ];
    expect(statusSegments(h, t(0), t(30))).toEqual([
      seg('New', 0, 2),
      seg('Idle', 2, 5),
      seg('Running', 5, 9),
      seg('Held', 9, 12),
      seg('Running', 12, 20),
      seg('Completed', 20, 30),
    ]);
  });
  it('clamps to the bar, joins a repeated status and drops empty pieces', () => {
    const h = [
      { status: 'New' as const, at: t(0) },
      { status: 'Running' as const, at: t(1) },
      { status: 'Running' as const, at: t(3) },
      { status: 'Held' as const, at: t(50) },
    ];
    expect(statusSegments(h, t(1), t(10))).toEqual([seg('Running', 1, 10)]);
  });
  it('keeps a bar that has no length yet (just launched)', () => {
    expect(statusSegments([{ status: 'New', at: t(4) }], t(4), t(4))).toEqual([seg('New', 4, 4)]);
  });
});
