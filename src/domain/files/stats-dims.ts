// Dims behind the numbers of the submission file report; every number links to its dims.
// "Kids" are the submission's own outputs (its software version, created after it), so files of
// earlier submissions never count.

import { invalid } from '../../lib/errors.js';
import { lineage, fileSelector, samQuote, samQuoteList } from './sam-quote.js';
import {
  ownOutputs,
  parentsOfOutputs,
  projectSnapshot,
  type Availability,
  type SamSubmissionContext,
} from './sam-context.js';
import { patternsOrAll } from './output-patterns.js';

/** Output files of the submission matching any output pattern (declared or located). */
export function outputFilesDims(
  ctx: SamSubmissionContext,
  patterns: readonly string[],
  availability: Availability,
): string {
  const sels = patternsOrAll(patterns).map((p) => fileSelector(p));
  const sel = sels.length === 1 ? sels[0] : `( ${sels.join(' or ')} )`;
  if (ctx.attribution) return `${ownOutputs(ctx)} and ${sel} with availability ${availability}`;
  const children = lineage('ischildof', ctx.outputAncestorDepth, projectSnapshot(ctx.project));
  return `${children} and ${ownOutputs(ctx)} and ${sel} with availability ${availability}`;
}

/** Input files with at least one own output of any pattern. */
export const someKidsDims = (ctx: SamSubmissionContext, availability: Availability): string =>
  `${projectSnapshot(ctx.project)} and ${lineage('isparentof', ctx.outputAncestorDepth, `${ownOutputs(ctx)} with availability ${availability}`)}`;

/** Input files with an own output for every pattern (`physical` = the located check). */
export const allKidsDims = (
  ctx: SamSubmissionContext,
  patterns: readonly string[],
  availability: Availability,
): string =>
  [
    projectSnapshot(ctx.project),
    ...patternsOrAll(patterns).map((p) => parentsOfOutputs(ctx, p, availability)),
  ].join(' and ');

/** Input files still lacking a located own output for some pattern: submitted − all kids located. */
export const pendingDims = (ctx: SamSubmissionContext, patterns: readonly string[]): string =>
  `${projectSnapshot(ctx.project)} minus ( ${patternsOrAll(patterns)
    .map((p) => parentsOfOutputs(ctx, p, 'physical'))
    .join(' and ')} )`;

/** Consumed-status drill-downs of the report (key = report column). */
export const CONSUMED_STATUS_FILTERS = {
  unknown: 'unknown',
  consumed: 'co%',
  cancelled: 'cancelled',
  failed: 'failed',
  skipped: 'skipped,unconsumed',
  stillDelivered: 'delivered,transferred',
  delivered: 'consumed,completed,cancelled,failed,skipped,unconsumed,delivered,transferred',
} as const;

export type ConsumedStatusFilter = keyof typeof CONSUMED_STATUS_FILTERS;

/** Snapshot files of the project in the given consumed status. */
export const consumedStatusDims = (project: string, filter: ConsumedStatusFilter): string =>
  `${projectSnapshot(project)} and consumed_status ${CONSUMED_STATUS_FILTERS[filter]}`;

/** Files of several definitions together (campaign overview input count). */
export function definitionsUnionDims(names: readonly string[]): string {
  if (names.length === 0) throw invalid('no dataset given', [{ field: 'dataset', message: 'empty list' }]);
  return names.map((n) => `defname:${samQuote(n, 'dataset')}`).join(' or ');
}

/** Files of the given projects (`project_name 'a','b'`), e.g. a stage's active-projects definition. */
export function projectsDims(projects: readonly string[]): string {
  if (projects.length === 0) throw invalid('no project given', [{ field: 'project', message: 'empty list' }]);
  return `project_name ${samQuoteList(projects, 'project')}`;
}
