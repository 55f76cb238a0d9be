import { stageLevels } from './arrow-rules.js';

// The left-to-right layered layout used when a campaign has no saved node positions: the campaign
// node first, then each stage one column right of its furthest upstream stage; within a column,
// stages follow the average height of their upstream stages (fewer crossing arrows).

export const COLUMN = 230;
export const ROW = 90;

/** Stage name → { x, y }, and the campaign node's place under the key `null`. */
export function layeredLayout(doc) {
  const levels = stageLevels(doc);
  const columns = [];
  for (const s of doc.stages) {
    const l = levels.get(s.name) || 0;
    (columns[l] = columns[l] || []).push(s.name);
  }
  const ups = new Map(doc.stages.map((s) => [s.name, []]));
  for (const d of doc.dependencies)
    if (d.upstream !== d.downstream && ups.has(d.downstream) && ups.has(d.upstream))
      ups.get(d.downstream).push(d.upstream);
  const place = new Map();
  columns.forEach((names = [], l) => {
    const weight = (name, i) => {
      const ys = ups
        .get(name)
        .map((u) => place.get(u))
        .filter(Boolean)
        .map((p) => p.y);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : i * ROW;
    };
    const ordered = names
      .map((name, i) => ({ name, w: weight(name, i), i }))
      .sort((a, b) => a.w - b.w || a.i - b.i);
    ordered.forEach((n, i) =>
      place.set(n.name, { x: (l + 1) * COLUMN, y: (i - (ordered.length - 1) / 2) * ROW }),
    );
  });
  place.set(null, { x: 0, y: 0 });
  return place;
}
