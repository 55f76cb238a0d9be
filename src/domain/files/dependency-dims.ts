// Dims of the dataset a downstream stage is launched on when an upstream submission is Located.

import { lineage, fileSelector, samQuote } from './sam-quote.js';
import { ownOutputs, projectSnapshot, type SamSubmissionContext } from './sam-context.js';

/**
 * Own outputs of the upstream submission matching the dependency's file pattern: children (depth
 * levels) of its project snapshot, of its software version, created after it. No upper time bound,
 * so outputs of its recoveries are included.
 */
export const dependencyDims = (ctx: SamSubmissionContext, pattern: string): string =>
  `${lineage('ischildof', ctx.outputAncestorDepth, projectSnapshot(ctx.project))} and ${ownOutputs(ctx)} and ${fileSelector(pattern)}`;

/** Approval / datatransfer upstream: the files of the dataset it passed on, matching the pattern. */
export const passThroughDependencyDims = (dataset: string, pattern: string): string =>
  `defname:${samQuote(dataset, 'dataset')} and ${fileSelector(pattern)}`;
