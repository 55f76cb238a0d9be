// Edits of a document's stages (pure: they change the draft they are given). Names are the keys:
// dependencies, node positions and the stage origins (database names) follow a rename.

export const campaignPositionId = (doc) => `campaign ${doc.campaign.name}`;

export const findStage = (doc, name) => doc.stages.find((s) => s.name === name);

/** `base`, else base_2, base_3… : a name no stage has. */
export function uniqueStageName(doc, base) {
  const taken = new Set(doc.stages.map((s) => s.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Why `name` cannot be the name of stage `current` (null for a new stage), or null when it can. */
export function stageNameProblem(doc, name, current = null) {
  if (name.trim() === '') return 'A stage needs a name.';
  if (name !== name.trim()) return 'A stage name cannot start or end with a blank.';
  if (/[\r\n\]]/.test(name)) return 'A stage name must fit on one line and cannot contain ].';
  if (name.length > 200) return 'A stage name has at most 200 characters.';
  if (name !== current && findStage(doc, name)) return `There is already a stage named ${name}.`;
  return null;
}

/**
 * Adds a stage with every field inherited. With saved positions it goes near `at` (the middle of
 * the view), moved down until it covers no other node.
 */
export function addStage(doc, name, at = { x: 0, y: 0 }) {
  doc.stages.push({ name });
  if (doc.nodePositions.length === 0) return;
  const busy = (x, y) => doc.nodePositions.some((p) => Math.abs(p.x - x) < 170 && Math.abs(p.y - y) < 70);
  let { x, y } = at;
  for (let i = 0; i < 100 && busy(x, y); i++) y += 80;
  doc.nodePositions.push({ id: name, x: Math.round(x), y: Math.round(y) });
}

export function renameStage(doc, origins, from, to) {
  if (from === to) return;
  const stage = findStage(doc, from);
  stage.name = to;
  for (const d of doc.dependencies) {
    if (d.upstream === from) d.upstream = to;
    if (d.downstream === from) d.downstream = to;
  }
  for (const p of doc.nodePositions) if (p.id === from) p.id = to;
  if (from in origins) {
    origins[to] = origins[from];
    delete origins[from];
  }
}

/** Removes the stage with its arrows (both ways) and its position. */
export function deleteStage(doc, origins, name) {
  doc.stages = doc.stages.filter((s) => s.name !== name);
  doc.dependencies = doc.dependencies.filter((d) => d.upstream !== name && d.downstream !== name);
  doc.nodePositions = doc.nodePositions.filter((p) => p.id !== name);
  delete origins[name];
}

/**
 * A copy of the stage's own settings under a new name, beside it in the graph; arrows are not
 * copied. New stages go last, as the database lists them (by creation) once saved.
 */
export function duplicateStage(doc, name, copyName) {
  const copy = JSON.parse(JSON.stringify(findStage(doc, name)));
  copy.name = copyName;
  doc.stages.push(copy);
  const p = doc.nodePositions.find((q) => q.id === name);
  if (doc.nodePositions.length > 0)
    doc.nodePositions.push({ id: copyName, x: (p ? p.x : 0) + 40, y: (p ? p.y : 0) + 70 });
}

/** The campaign's new name; its node keeps its position. */
export function renameCampaign(doc, name) {
  const old = campaignPositionId(doc);
  doc.campaign.name = name;
  for (const p of doc.nodePositions) if (p.id === old) p.id = campaignPositionId(doc);
}

/** The stage's value of `prop`, else the campaign default, else the built-in default. */
export function inheritedValue(doc, prop, builtIns, stage = null) {
  if (stage && stage[prop] !== undefined) return stage[prop];
  if (doc.defaults[prop] !== undefined) return doc.defaults[prop];
  return builtIns[prop];
}
