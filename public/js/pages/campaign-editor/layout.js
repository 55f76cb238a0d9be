import { stageLevels } from './arrow-rules.js';

// Where nodes go. Without saved positions: the left-to-right layered layout, the campaign node
// first, then each stage one column right of its furthest upstream stage; within a column, stages
// follow the average height of their upstream stages (fewer crossing arrows). Columns are as far
// apart as their widest box and the longest arrow label between them need, so no box covers another
// or an arrow's label. Saved positions (ours, or the original POMS's tighter ones) are spread out by
// the same rule, never squeezed, and only for drawing: the document keeps them as they are.

export const COLUMN = 230;
export const ROW = 90;
/** Room left between two boxes, besides an arrow label's own width. */
const GAP = 40;
const CHAR = 7.8; // px per character of a 14 px node label (generous: underscores, capitals)
const LABEL_CHAR = 6.6; // px per character of an 11 px arrow label
const NODE_PAD = 24;
const LINE = 17;
const MAX_SPREAD = 4;

/** Estimated size of a node whose label has these lines (vis-network draws them centred). */
export function nodeSize(lines) {
  const longest = Math.max(1, ...lines.map((l) => String(l).length));
  return { w: longest * CHAR + NODE_PAD, h: lines.length * LINE + NODE_PAD };
}

/** Estimated width of an arrow label. */
export const labelWidth = (text) => (text ? String(text).length * LABEL_CHAR + 10 : 0);

/**
 * Stage name → { x, y }, and the campaign node's place under the key `null`. `sizeOf(name)` gives a
 * node's estimated { w, h } (name null = the campaign node); default: the name alone.
 */
export function layeredLayout(doc, sizeOf = (name) => nodeSize([name ?? doc.campaign.name ?? ''])) {
  const levels = stageLevels(doc);
  const columns = [[null]];
  for (const s of doc.stages) {
    const l = (levels.get(s.name) || 0) + 1;
    (columns[l] = columns[l] || []).push(s.name);
  }
  const ups = new Map(doc.stages.map((s) => [s.name, []]));
  const entering = new Map(); // column → widest label of an arrow arriving in it
  for (const d of doc.dependencies)
    if (d.upstream !== d.downstream && ups.has(d.downstream) && ups.has(d.upstream)) {
      ups.get(d.downstream).push(d.upstream);
      const l = (levels.get(d.downstream) || 0) + 1;
      entering.set(l, Math.max(entering.get(l) || 0, labelWidth(d.filePattern)));
    }
  const place = new Map();
  let x = 0;
  let prevHalf = 0;
  columns.forEach((names = [], l) => {
    const half = Math.max(0, ...names.map((n) => sizeOf(n).w / 2));
    if (l > 0) x += prevHalf + GAP + (entering.get(l) || 0) + half;
    prevHalf = half;
    const row = Math.max(ROW, ...names.map((n) => sizeOf(n).h + 30));
    const weight = (name, i) => {
      const ys = (ups.get(name) || [])
        .map((u) => place.get(u))
        .filter(Boolean)
        .map((p) => p.y);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : i * row;
    };
    const ordered = names
      .map((name, i) => ({ name, w: weight(name, i), i }))
      .sort((a, b) => a.w - b.w || a.i - b.i);
    ordered.forEach((n, i) =>
      place.set(n.name, { x: Math.round(x), y: Math.round((i - (ordered.length - 1) / 2) * row) }),
    );
  });
  return place;
}

/**
 * Saved positions (id → { x, y }) stretched just enough that no two boxes overlap and every arrow's
 * label fits between its boxes: one factor across, then one down. `sizeOf(id)` as above;
 * `labelOf(a, b)` the widest label of an arrow between nodes a and b (0 when none).
 */
export function spreadPositions(points, sizeOf, labelOf = () => 0) {
  const ids = [...points.keys()];
  let sx = 1;
  let sy = 1;
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const [a, b] = [points.get(ids[i]), points.get(ids[j])];
      const [sa, sb] = [sizeOf(ids[i]), sizeOf(ids[j])];
      const dx = Math.abs(a.x - b.x);
      const dy = Math.abs(a.y - b.y);
      const needX = (sa.w + sb.w) / 2 + GAP / 2 + labelOf(ids[i], ids[j]);
      const needY = (sa.h + sb.h) / 2 + 12;
      if (dy >= needY || dx >= needX) continue; // apart already
      // Spread along the direction they are already apart in (a near-vertical pair goes down).
      if (dx >= dy && dx > 0) sx = Math.max(sx, Math.min(MAX_SPREAD, needX / dx));
      else if (dy > 0) sy = Math.max(sy, Math.min(MAX_SPREAD, needY / dy));
    }
  if (sx === 1 && sy === 1) return points;
  const out = new Map();
  for (const [id, p] of points) out.set(id, { x: Math.round(p.x * sx), y: Math.round(p.y * sy) });
  return out;
}
