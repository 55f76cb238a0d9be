// Dims of the dataset a downstream stage is launched on when an upstream submission is Located.

import { lineage, fileSelector, samQuote } from './sam-quote.js';
import { ownOutputs, projectSnapshot, type SamSubmissionContext } from './sam-context.js';

/**
 * Own outputs of the upstream submission matching the dependency's file pattern: children (depth
 * levels) of its project snapshot, of its software version, created after it. No upper time bound,
 * so outputs of its recoveries are included — and of any re-run on the same inputs: SAM launches
 * define the family's attributed outputs instead (existingOutputsDims, sam-dependency-input.ts).
 */
export const dependencyDims = (ctx: SamSubmissionContext, pattern: string): string =>
  `${lineage('ischildof', ctx.outputAncestorDepth, projectSnapshot(ctx.project))} and ${ownOutputs(ctx)} and ${fileSelector(pattern)}`;

/** Approval / datatransfer upstream: the files of the dataset it passed on, matching the pattern. */
export const passThroughDependencyDims = (dataset: string, pattern: string): string =>
  `defname:${samQuote(dataset, 'dataset')} and ${fileSelector(pattern)}`;

/**
 * What a dependency would select of an upstream stage's existing outputs: the files attributed
 * to any of its submissions (attribution.ts, each with its own ancestor depth) matching the
 * pattern. A launch's `poms_depends` dataset is the same selection for one original submission
 * and its recoveries. Throws when `submissions` is empty (there is nothing to select from).
 */
export function existingOutputsDims(submissions: readonly SamSubmissionContext[], pattern: string): string {
  if (submissions.length === 0) throw new RangeError('no submissions to select outputs of');
  const union = submissions.map((s) => `( ${ownOutputs(s)} )`).join(' or ');
  return `( ${union} ) and ${fileSelector(pattern)}`;
}
