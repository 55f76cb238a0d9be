// Nesting for the submissions lists: recoveries (↺) and dependency launches (↳) under the
// submission whose completion launched them.

export interface Chained {
  submission_id: number;
  parent_submission_id: number | null;
  depends_on_submission_id: number | null;
}

export type ChainMarker = '↺' | '↳';

export interface Nested<T> {
  row: T;
  /** 0 for a root of the page. */
  depth: number;
  /** ↺ recovery of, ↳ launched on completion of, `cause`. */
  marker: ChainMarker | null;
  cause: number | null;
  /** The cause is shown above (false: it is in another stage or outside the window). */
  causeListed: boolean;
}

export const causeOf = (s: Chained) => s.parent_submission_id ?? s.depends_on_submission_id;
export const markerOf = (s: Chained): ChainMarker | null =>
  s.parent_submission_id !== null ? '↺' : s.depends_on_submission_id !== null ? '↳' : null;

/** Roots in their order, each followed by its descendants depth first, siblings oldest first. */
export function nestSubmissions<T extends Chained>(
  roots: readonly T[],
  descendants: readonly T[],
): Array<Nested<T>> {
  const children = new Map<number, T[]>();
  for (const d of [...descendants].sort((a, b) => a.submission_id - b.submission_id)) {
    const c = causeOf(d);
    if (c !== null) children.set(c, [...(children.get(c) ?? []), d]);
  }
  const out: Array<Nested<T>> = [];
  const seen = new Set<number>();
  const visit = (row: T, depth: number) => {
    if (seen.has(row.submission_id)) return;
    seen.add(row.submission_id);
    out.push({ row, depth, marker: markerOf(row), cause: causeOf(row), causeListed: depth > 0 });
    for (const c of children.get(row.submission_id) ?? []) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return out;
}
