import { describe, expect, it } from 'vitest';
import { assignLanes, MAX_LANES, type LaneBar } from '../../../../src/services/overview/timeline-lanes.js';

const T = Date.parse('2026-12-01T00:00:00Z');
const bar = (id: number, start: number, end: number, parent: number | null = null): LaneBar => ({
  submission_id: id,
  parent_submission_id: parent,
  start: new Date(T + start * 60_000),
  end: new Date(T + end * 60_000),
});
const laneOf = (bars: LaneBar[]) => {
  const { lanes } = assignLanes(bars);
  return new Map(bars.map((b, i) => [b.submission_id, lanes[i]]));
};

describe('time-bar lanes', () => {
  it('puts each recovery on the lane directly under the submission it recovers', () => {
    // #1 and #2 overlap; #3 recovers #1, #4 recovers #2, #5 recovers the recovery #3.
    const bars = [bar(1, 0, 10), bar(2, 5, 15), bar(3, 12, 20, 1), bar(4, 16, 25, 2), bar(5, 21, 30, 3)];
    const lane = laneOf(bars);
    expect(lane.get(3)).toBe(lane.get(1)! + 1);
    expect(lane.get(5)).toBe(lane.get(3)! + 1);
    expect(lane.get(4)).toBe(lane.get(2)! + 1);
    // The second family starts under the whole first one: no bar shares a lane with an overlapping one.
    expect(lane.get(2)).toBe(3);
    const out = assignLanes(bars);
    expect(out.count).toBe(5);
    expect(out.recoveryLanes).toEqual([1, 2, 4]);
  });

  it('draws families that do not overlap on the same lanes', () => {
    const lane = laneOf([bar(1, 0, 10), bar(2, 11, 14, 1), bar(3, 20, 30), bar(4, 31, 33, 3)]);
    expect([lane.get(1), lane.get(2), lane.get(3), lane.get(4)]).toEqual([0, 1, 0, 1]);
  });

  it('moves an overlapping sibling recovery further down, still under its parent', () => {
    const lane = laneOf([bar(1, 0, 10), bar(2, 11, 20, 1), bar(3, 12, 18, 1)]);
    expect([lane.get(1), lane.get(2), lane.get(3)]).toEqual([0, 1, 2]);
  });

  it('treats a recovery whose parent is not drawn as a family of its own, and survives a parent cycle', () => {
    expect([...laneOf([bar(7, 0, 5, 99), bar(8, 1, 4)]).values()]).toEqual([0, 1]);
    const cyc = assignLanes([bar(1, 0, 5, 2), bar(2, 6, 9, 1)]);
    expect(cyc.lanes).toHaveLength(2);
    expect(cyc.lanes.every((l) => Number.isInteger(l) && l >= 0 && l < cyc.count)).toBe(true);
  });

  it('caps the bands: beyond MAX_LANES families share the band that frees up first', () => {
    const many = Array.from({ length: MAX_LANES + 3 }, (_, i) => bar(i + 1, i, 100 + i));
    expect(assignLanes(many).count).toBe(MAX_LANES);
  });
});
