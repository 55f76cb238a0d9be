import { getJson } from './api.js';

// Job types and login setups in the document. The export lists those the defaults and stages use,
// read from the experiment; the editor keeps the document the same way so that what it shows is
// what a save exports.

/** Names the defaults and the stages use (own values). */
export function usedNames(doc) {
  const jobTypes = new Set();
  const loginSetups = new Set();
  for (const f of [doc.defaults, ...doc.stages]) {
    if (f.jobType) jobTypes.add(f.jobType);
    if (f.loginSetup) loginSetups.add(f.loginSetup);
  }
  return { jobTypes, loginSetups };
}

/** Drops definitions nothing uses any more that the experiment already has (the export leaves them out). */
export function pruneDefinitions(doc, catalog) {
  const used = usedNames(doc);
  doc.jobTypes = doc.jobTypes.filter((j) => used.jobTypes.has(j.name) || !catalog.jobTypes.includes(j.name));
  doc.loginSetups = doc.loginSetups.filter(
    (l) => used.loginSetups.has(l.name) || !catalog.loginSetups.includes(l.name),
  );
}

/**
 * Definitions of the experiment's job types / login setups that `fieldsList` name and the document
 * does not hold yet, fetched from the server with those it holds, in the experiment's order (the
 * database's name order, which the export follows); null when nothing is missing.
 */
export async function fetchMissingDefinitions(ctx, fieldsList) {
  const doc = ctx.store.doc;
  const missing = (prop, have, known) =>
    fieldsList.map((f) => f[prop]).filter((n) => n && known.includes(n) && !have.some((d) => d.name === n));
  const jobTypes = missing('jobType', doc.jobTypes, ctx.catalog.jobTypes);
  const loginSetups = missing('loginSetup', doc.loginSetups, ctx.catalog.loginSetups);
  if (jobTypes.length === 0 && loginSetups.length === 0) return null;
  const known = (have, list) => have.map((d) => d.name).filter((n) => list.includes(n));
  const q = new URLSearchParams();
  new Set([...known(doc.jobTypes, ctx.catalog.jobTypes), ...jobTypes]).forEach((n) =>
    q.append('job_type', n),
  );
  new Set([...known(doc.loginSetups, ctx.catalog.loginSetups), ...loginSetups]).forEach((n) =>
    q.append('login_setup', n),
  );
  return getJson(`${ctx.apiBase}/editor/definitions?${q}`);
}

/** Adds the fetched definitions the document lacks and orders the lists as the server did. */
export function addDefinitions(doc, defs) {
  if (!defs) return;
  const merge = (list, fetched) => {
    for (const d of fetched) if (!list.some((x) => x.name === d.name)) list.push(d);
    const rank = new Map(fetched.map((d, i) => [d.name, i]));
    const at = (d) => (rank.has(d.name) ? rank.get(d.name) : fetched.length);
    return list
      .map((d, i) => ({ d, i }))
      .sort((a, b) => at(a.d) - at(b.d) || a.i - b.i)
      .map((x) => x.d);
  };
  doc.jobTypes = merge(doc.jobTypes, defs.jobTypes);
  doc.loginSetups = merge(doc.loginSetups, defs.loginSetups);
}

const PALETTE = [
  '#a3d5ff',
  '#ffd59e',
  '#b9f0b1',
  '#f7b7c6',
  '#d7c4f5',
  '#fff3a6',
  '#a8ece5',
  '#f9c7a1',
  '#e6ee9c',
  '#c5cae9',
];

/**
 * Job type name → colour, the same in the graph and the lower panel: the names in sorted order take
 * the palette's colours in turn, so that a campaign's job types differ as long as there are colours.
 */
export function jobTypeColours(names) {
  const sorted = [...new Set(names.filter(Boolean))].sort();
  return new Map(sorted.map((n, i) => [n, PALETTE[i % PALETTE.length]]));
}

export const NO_JOB_TYPE_COLOUR = '#eeeeee';
