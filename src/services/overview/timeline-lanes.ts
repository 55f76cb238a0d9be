/** Most lanes a stage's row gets; beyond that bars share the lane that frees up first. */
export const MAX_LANES = 12;

/**
 * Greedy interval packing: bars (sorted by start) go to the first lane that is free at their start,
 * so overlapping submissions are drawn one above the other. Returns each bar's lane and the lane count.
 */
export function assignLanes(bars: ReadonlyArray<{ start: Date; end: Date }>): {
  lanes: number[];
  count: number;
} {
  const ends: number[] = [];
  const lanes = bars.map((b) => {
    const start = new Date(b.start).getTime();
    const end = Math.max(start, new Date(b.end).getTime());
    let lane = ends.findIndex((e) => e <= start);
    if (lane < 0 && ends.length < MAX_LANES) lane = ends.length;
    if (lane < 0) lane = ends.indexOf(Math.min(...ends));
    ends[lane] = Math.max(ends[lane] ?? 0, end);
    return lane;
  });
  return { lanes, count: Math.max(1, ends.length) };
}
