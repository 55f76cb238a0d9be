import { findStage } from './stage-ops.js';

// Dependencies ("arrows": upstream → downstream) and the rules the editor enforces before the
// codec does: arrows join stages only, no cycle, a self-arrow needs a split type that advances
// (the codec's rule: not unset, None, empty or draining).

/** Stages reachable from `from` along arrows (self-arrows ignored), with the path to each. */
function pathBetween(doc, from, to) {
  const next = new Map();
  for (const d of doc.dependencies) {
    if (d.upstream === d.downstream) continue;
    if (!next.has(d.upstream)) next.set(d.upstream, []);
    next.get(d.upstream).push(d.downstream);
  }
  const seen = new Set([from]);
  const queue = [[from]];
  while (queue.length) {
    const path = queue.shift();
    const last = path[path.length - 1];
    if (last === to) return path;
    for (const n of next.get(last) || [])
      if (!seen.has(n)) {
        seen.add(n);
        queue.push([...path, n]);
      }
  }
  return null;
}

function selfArrowProblem(doc, name) {
  const stage = findStage(doc, name);
  const split = stage.csSplitType !== undefined ? stage.csSplitType : doc.defaults.csSplitType;
  const text = typeof split === 'string' ? split.trim() : '';
  if (text === '' || /^(none|draining)$/i.test(text))
    return `A stage can depend on itself only with a split type that advances (${name}'s is ${split === undefined ? 'not set' : split === null ? 'None' : text || 'empty'}): set one in its form first.`;
  return null;
}

/** Why an arrow upstream → downstream (stage names) cannot be drawn, or null. */
export function arrowProblem(doc, upstream, downstream) {
  if (!findStage(doc, upstream) || !findStage(doc, downstream))
    return 'Arrows join two stages: the campaign node holds the defaults and takes no arrows.';
  if (doc.dependencies.some((d) => d.upstream === upstream && d.downstream === downstream))
    return `${downstream} already depends on ${upstream}; click that arrow to change its file pattern.`;
  if (upstream === downstream) return selfArrowProblem(doc, upstream);
  const back = pathBetween(doc, downstream, upstream);
  if (back) return `That arrow would make a cycle: ${[upstream, ...back].join(' → ')}.`;
  return null;
}

/** New arrows get the pattern `%` (every output file). */
export function addArrow(doc, upstream, downstream, filePattern = '%') {
  doc.dependencies.push({ downstream, upstream, filePattern });
}

export function removeArrow(doc, index) {
  doc.dependencies.splice(index, 1);
}

/** Longest distance from a stage without upstream (cycles cut), for the left-to-right layout. */
export function stageLevels(doc) {
  const ups = new Map(doc.stages.map((s) => [s.name, []]));
  for (const d of doc.dependencies)
    if (d.upstream !== d.downstream && ups.has(d.downstream) && ups.has(d.upstream))
      ups.get(d.downstream).push(d.upstream);
  const level = new Map();
  const visiting = new Set();
  const of = (name) => {
    if (level.has(name)) return level.get(name);
    if (visiting.has(name)) return 0;
    visiting.add(name);
    const l = Math.max(-1, ...ups.get(name).map(of)) + 1;
    visiting.delete(name);
    level.set(name, l);
    return l;
  };
  for (const s of doc.stages) of(s.name);
  return level;
}
