// The order the database gives back, so that the text the editor shows is the export after a save:
// stages in creation order (new ones last), campaign_stage_list = the stages, dependencies grouped
// by downstream stage in stage order (each group in its own order), keywords in PostgreSQL jsonb
// key order (shorter keys first, then bytewise). Node positions get one key order ({id, x, y}) so
// that documents compare equal as JSON.

const encoder = new window.TextEncoder();

function jsonbKeyOrder(a, b) {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** Puts `doc` (mutated and returned) in that order; values are left alone. */
export function canonical(doc) {
  doc.campaign.stageListHint = doc.stages.map((s) => s.name);
  doc.nodePositions = doc.nodePositions.map((p) => ({ id: p.id, x: p.x, y: p.y }));
  const index = new Map(doc.stages.map((s, i) => [s.name, i]));
  const at = (d) => (index.has(d.downstream) ? index.get(d.downstream) : Number.MAX_SAFE_INTEGER);
  doc.dependencies = doc.dependencies
    .map((d, i) => ({ d, i }))
    .sort((a, b) => at(a.d) - at(b.d) || a.i - b.i)
    .map((x) => x.d);
  const keys = Object.keys(doc.campaign.keywords).sort(jsonbKeyOrder);
  doc.campaign.keywords = Object.fromEntries(keys.map((k) => [k, doc.campaign.keywords[k]]));
  return doc;
}
