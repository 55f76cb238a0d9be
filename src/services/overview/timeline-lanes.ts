/** Most bands (rows of families) a stage's strip gets; beyond that families share the band that frees up first. */
export const MAX_LANES = 12;

export interface LaneBar {
  submission_id: number;
  parent_submission_id: number | null;
  start: Date;
  end: Date;
}

const ms = (d: Date) => new Date(d).getTime();
const endOf = (b: LaneBar) => Math.max(ms(b.start), ms(b.end));

/**
 * Where each bar of a stage is drawn. A submission and its recoveries (and theirs) are a family: the
 * submission on the family's first lane, each recovery on the lane directly under the submission it
 * recovers (further down only where an overlapping sibling already holds that lane). Families go in
 * bands, packed greedily by start time: a family takes the first band free at its start, so
 * overlapping submissions are drawn one above the other. A recovery whose parent is not among the
 * bars (another stage, outside the window) starts a family of its own.
 * Returns each bar's lane (in input order), the lane count and the lanes that hold recoveries.
 */
export function assignLanes(bars: readonly LaneBar[]): {
  lanes: number[];
  count: number;
  recoveryLanes: number[];
} {
  const byId = new Map(bars.map((b) => [b.submission_id, b]));
  const kids = new Map<number, LaneBar[]>();
  const roots: LaneBar[] = [];
  for (const b of bars) {
    const p = b.parent_submission_id;
    if (p !== null && p !== b.submission_id && byId.has(p)) kids.set(p, [...(kids.get(p) ?? []), b]);
    else roots.push(b);
  }
  const byStart = (a: LaneBar, b: LaneBar) => ms(a.start) - ms(b.start) || a.submission_id - b.submission_id;
  const offset = new Map<number, number>();
  const rootOf = new Map<number, number>();
  const family = (root: LaneBar) => {
    const ends: number[] = []; // per family lane: when it frees up
    let first = Infinity;
    let last = -Infinity;
    const place = (b: LaneBar, want: number, seen: Set<number>) => {
      if (seen.has(b.submission_id)) return; // a cycle in bad data: draw each bar once
      seen.add(b.submission_id);
      let lane = want;
      while ((ends[lane] ?? -Infinity) > ms(b.start)) lane++;
      ends[lane] = endOf(b);
      offset.set(b.submission_id, lane);
      rootOf.set(b.submission_id, root.submission_id);
      first = Math.min(first, ms(b.start));
      last = Math.max(last, endOf(b));
      for (const k of (kids.get(b.submission_id) ?? []).sort(byStart)) place(k, lane + 1, seen);
    };
    place(root, 0, new Set());
    return { root, first, last, height: ends.length };
  };
  const families = roots.sort(byStart).map(family);
  // Bars in a parent cycle (bad data) reach no root: each is a family of its own.
  for (const b of [...bars].sort(byStart)) if (!offset.has(b.submission_id)) families.push(family(b));
  const bands: Array<{ end: number; height: number }> = [];
  const bandOf = new Map<number, number>();
  for (const f of families) {
    let i = bands.findIndex((b) => b.end <= f.first);
    if (i < 0 && bands.length < MAX_LANES) i = bands.push({ end: -Infinity, height: 0 }) - 1;
    if (i < 0) i = bands.reduce((m, b, j) => (b.end < bands[m].end ? j : m), 0);
    bands[i] = { end: Math.max(bands[i].end, f.last), height: Math.max(bands[i].height, f.height) };
    bandOf.set(f.root.submission_id, i);
  }
  const tops = bands.map((_, i) => bands.slice(0, i).reduce((t, b) => t + b.height, 0));
  const lanes = bars.map(
    (b) => tops[bandOf.get(rootOf.get(b.submission_id)!)!] + offset.get(b.submission_id)!,
  );
  const recoveryLanes = [
    ...new Set(bars.flatMap((b, i) => (rootOf.get(b.submission_id) === b.submission_id ? [] : [lanes[i]]))),
  ].sort((a, b) => a - b);
  return {
    lanes,
    count: Math.max(
      1,
      bands.reduce((t, b) => t + b.height, 0),
    ),
    recoveryLanes,
  };
}
