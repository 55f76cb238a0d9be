import { jobTypeColours, NO_JOB_TYPE_COLOUR } from './definitions.js';
import { COLUMN, labelWidth, layeredLayout, nodeSize, ROW, spreadPositions } from './layout.js';
import { campaignPositionId, inheritedValue } from './stage-ops.js';

// The document drawn with vis-network: the campaign as an oval (defaults and keywords), one rounded
// box per stage coloured by its job type, one arrow per dependency labelled with its file pattern.
// Saved node positions are used when there are any; otherwise the left-to-right layered layout of
// layout.js. Every node gets its place from here (no physics); the data sets are updated in place,
// so the view does not jump.

export const CAMPAIGN_NODE = 'campaign';
const STAGE_PREFIX = 's:';
export const stageNodeId = (name) => STAGE_PREFIX + name;
export const stageOfNode = (id) =>
  String(id).startsWith(STAGE_PREFIX) ? String(id).slice(STAGE_PREFIX.length) : null;
export const arrowOfEdge = (id) => (/^d\d+$/.test(String(id)) ? Number(String(id).slice(1)) : null);

const OPTIONS = {
  autoResize: true,
  physics: false,
  layout: { hierarchical: false, improvedLayout: false },
  interaction: { hover: true, multiselect: false, keyboard: false, tooltipDelay: 300 },
  nodes: {
    font: { size: 14, face: 'Lato, Helvetica Neue, Arial, sans-serif' },
    margin: 10,
    widthConstraint: { maximum: 220 },
  },
  edges: {
    arrows: { to: { enabled: true, scaleFactor: 0.7 } },
    color: { color: '#777', highlight: '#2185d0', hover: '#2185d0' },
    font: { size: 11, align: 'middle', strokeWidth: 4 },
    smooth: { enabled: true, type: 'cubicBezier', forceDirection: 'horizontal', roundness: 0.4 },
    selfReference: { size: 22, angle: Math.PI / 4 },
    width: 1.5,
    hoverWidth: 1.5,
  },
};

function nodesOf(doc, builtIns) {
  const jobTypeOf = (s) => inheritedValue(doc, 'jobType', builtIns, s) || '';
  const campaignId = campaignPositionId(doc);
  // Estimated box sizes, by stage name (null = the campaign node) and by position id.
  const byName = new Map(doc.stages.map((s) => [s.name, nodeSize([s.name, jobTypeOf(s)].filter(Boolean))]));
  const sizeOf = (name) => byName.get(name) || nodeSize([doc.campaign.name || '(new campaign)']);
  const sizeOfId = (id) => (id === campaignId ? sizeOf(null) : sizeOf(id));
  const labelOf = (a, b) =>
    Math.max(
      0,
      ...doc.dependencies
        .filter((d) => (d.upstream === a && d.downstream === b) || (d.upstream === b && d.downstream === a))
        .map((d) => labelWidth(d.filePattern)),
    );
  const raw = new Map(doc.nodePositions.map((p) => [p.id, { x: p.x, y: p.y }]));
  const saved = raw.size > 0 ? spreadPositions(raw, sizeOfId, labelOf) : raw;
  const layered = saved.size > 0 ? null : layeredLayout(doc, sizeOf);
  // With saved positions, nodes they do not place go in a column right of them.
  const maxX = Math.max(0, ...[...saved.values()].map((p) => p.x));
  let spare = 0;
  const at = (id, stage) => {
    const p = layered ? layered.get(stage) : saved.get(id) || { x: maxX + COLUMN, y: spare++ * ROW };
    return { x: p.x, y: p.y };
  };
  const campaign = {
    id: CAMPAIGN_NODE,
    label: doc.campaign.name || '(new campaign)',
    title: 'Campaign: defaults and keywords',
    shape: 'ellipse',
    estimated: sizeOf(null),
    font: { size: 15, bold: true },
    color: { background: '#f3f4f5', border: '#555', highlight: { background: '#f3f4f5', border: '#2185d0' } },
    ...at(campaignPositionId(doc), null),
  };
  const colours = jobTypeColours(doc.stages.map(jobTypeOf));
  return [
    campaign,
    ...doc.stages.map((s) => {
      const jobType = jobTypeOf(s);
      const colour = colours.get(jobType) || NO_JOB_TYPE_COLOUR;
      return {
        id: stageNodeId(s.name),
        label: jobType ? `${s.name}\n${jobType}` : s.name,
        title: `Stage ${s.name}${jobType ? ` · job type ${jobType}` : ''}`,
        shape: 'box',
        estimated: sizeOf(s.name),
        shapeProperties: { borderRadius: 8 },
        color: { background: colour, border: '#666', highlight: { background: colour, border: '#2185d0' } },
        ...at(s.name, s.name),
      };
    }),
  ];
}

/**
 * Whether the straight line from a to b passes through the box of a node standing between them
 * (boxes in the same column as either end do not count: a fan-out arrow passes those by).
 */
function crossesABox(a, b, all) {
  const [lo, hi] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const others = all.filter((n) => n.x - n.w / 2 > lo + 10 && n.x + n.w / 2 < hi - 10);
  for (let t = 0.1; t < 0.95; t += 0.05) {
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    if (others.some((n) => Math.abs(n.x - x) < n.w / 2 + 6 && Math.abs(n.y - y) < n.h / 2 + 6)) return true;
  }
  return false;
}

// An arrow that would run straight through another stage's box (one that skips a stage on the same
// row) bends around it, so neither it nor its label hides under the box.
const edgesOf = (doc, placed) =>
  doc.dependencies.map((d, i) => {
    const [a, b] = [placed.get(stageNodeId(d.upstream)), placed.get(stageNodeId(d.downstream))];
    const others = [...placed.entries()]
      .filter(([id]) => id !== stageNodeId(d.upstream) && id !== stageNodeId(d.downstream))
      .map(([, n]) => n);
    const bend = a && b && a !== b && crossesABox(a, b, others);
    return {
      id: `d${i}`,
      from: stageNodeId(d.upstream),
      to: stageNodeId(d.downstream),
      label: d.filePattern,
      title: `${d.upstream} → ${d.downstream} (files ${d.filePattern})`,
      ...(bend ? { smooth: { enabled: true, type: 'curvedCW', roundness: 0.35 } } : {}),
    };
  });

/** Brings a DataSet to `items`: removes what is gone, adds or replaces what changed. */
function reconcile(set, items) {
  const want = new Set(items.map((i) => i.id));
  set.remove(set.getIds().filter((id) => !want.has(id)));
  const changed = items.filter((i) => JSON.stringify(set.get(i.id)) !== JSON.stringify(i));
  set.remove(changed.map((i) => i.id));
  set.add(changed);
}

/** handlers: onNode(id), onEdge(id), onBackground(), onMoved(positions); readOnly: nodes stay put. */
export function createGraph(container, handlers, { readOnly = false } = {}) {
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const options = { ...OPTIONS, interaction: { ...OPTIONS.interaction, dragNodes: !readOnly } };
  const network = new vis.Network(container, { nodes, edges }, options);
  let fitted = false;

  network.on('afterDrawing', () => {
    container.dataset.drawn = '1';
  });
  // data-fitting is set while a fit is due or animating (nodes move on the screen): a click then
  // can miss, so tests wait for it to go.
  let settle;
  const settled = () => {
    clearTimeout(settle);
    delete container.dataset.fitting;
  };
  network.on('animationFinished', settled);
  const fit = (delay) => {
    container.dataset.fitting = '1';
    clearTimeout(settle);
    settle = setTimeout(settled, delay + 1000); // in case no animation ends (nothing to move)
    setTimeout(() => network.fit({ animation: { duration: 300 } }), delay);
  };
  network.on('click', (p) => {
    if (p.nodes.length > 0) handlers.onNode(p.nodes[0]);
    else if (p.edges.length > 0) handlers.onEdge(p.edges[0]);
    else handlers.onBackground();
  });
  network.on('dragEnd', (p) => {
    if (p.nodes.length > 0) handlers.onMoved(network.getPositions());
  });

  return {
    network,
    sync(doc, builtIns) {
      const items = nodesOf(doc, builtIns);
      reconcile(nodes, items);
      const placed = new Map(
        items.map((n) => [n.id, { x: n.x, y: n.y, w: n.estimated.w, h: n.estimated.h }]),
      );
      reconcile(edges, edgesOf(doc, placed));
      container.dataset.nodes = String(nodes.length);
      container.dataset.edges = String(edges.length);
      if (!fitted) {
        fitted = true;
        network.fit({ animation: false });
      }
    },
    fit: () => fit(0),
    /** Fits once the page layout has settled (after `delay` ms). */
    fitSoon: (delay = 50) => fit(delay),
    /** The middle of the visible area, in graph coordinates (where new stages go). */
    centre: () => network.getViewPosition(),
    select(id) {
      if (id && nodes.get(id)) network.selectNodes([id]);
      else network.unselectAll();
    },
  };
}

/** vis-network positions (by node id) as the document's node positions, rounded to whole pixels. */
export function positionsOf(doc, positions) {
  const out = [];
  const put = (id, p) => p && out.push({ id, x: Math.round(p.x) || 0, y: Math.round(p.y) || 0 });
  put(campaignPositionId(doc), positions[CAMPAIGN_NODE]);
  for (const s of doc.stages) put(s.name, positions[stageNodeId(s.name)]);
  return out;
}
