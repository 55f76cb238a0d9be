// Dims of the recovery set of each recovery type (the input files to process again).

import { invalid } from '../../lib/errors.js';
import type { RecoveryType } from '../recovery/recovery-types.js';
import { parentsOfOutputs, projectSnapshot, type SamSubmissionContext } from './sam-context.js';
import { samQuote } from './sam-quote.js';
import { patternsOrAll } from './output-patterns.js';

/** Input files not released as consumed/completed by the project. */
export const consumedStatusRecoveryDims = (project: string): string => {
  const p = samQuote(project, 'project');
  return `snapshot_for_project_name ${p} minus (project_name ${p} and consumed_status co%)`;
};

/**
 * `process_status`: SAM's own `recovery_dimensions?useProcess=1` answer (also counts files of failed
 * processes), with `consumed_status consumed` widened to `'co%'` (completed is success too).
 * Blank answer ⇒ null (nothing to recover). null answer (the call failed) ⇒ the consumed_status
 * dims: the original's fallback `project_name P minus consumed_status co%` subtracts a condition
 * that has no project to apply to.
 */
export function processStatusRecoveryDims(project: string, samAnswer: string | null): string | null {
  if (samAnswer === null) return consumedStatusRecoveryDims(project);
  const dims = samAnswer.trim();
  if (dims === '') return null;
  return dims.replace(/\bconsumed_status\s+(?:'consumed'|consumed)(?![\w%'])/gi, "consumed_status 'co%'");
}

/** Files added to the input definition after the project took its snapshot. */
export const addedFilesRecoveryDims = (project: string, dataset: string): string =>
  `defname:${samQuote(dataset, 'dataset')} minus ${projectSnapshot(project)}`;

/** Delivered (or never delivered) but not consumed; the original never filled the project in. */
export const deliveredNotConsumedRecoveryDims = (project: string): string =>
  `project_name ${samQuote(project, 'project')} and consumed_status skipped,unknown,delivered,transferred,unconsumed,cancelled`;

/** Snapshot files that lack an own output for at least one output pattern. */
export function pendingFilesRecoveryDims(
  ctx: SamSubmissionContext,
  outputPatterns: readonly string[],
): string {
  const withAll = patternsOrAll(outputPatterns)
    .map((pat) => parentsOfOutputs(ctx, pat))
    .join(' and ');
  return `${projectSnapshot(ctx.project)} minus ( ${withAll} )`;
}

export interface RecoveryDimsInput extends SamSubmissionContext {
  /** added_files: the submission's input definition (see inputDefinitionOf). */
  dataset?: string | null;
  /** pending_files: the job type's output patterns. */
  outputPatterns?: readonly string[];
  /** process_status: SAM's recovery_dimensions text; null = the call failed. */
  samRecoveryDimensions?: string | null;
}

/** Dims for one recovery type; null = nothing to recover (no query needed). */
export function recoveryDims(type: RecoveryType, input: RecoveryDimsInput): string | null {
  switch (type) {
    case 'consumed_status':
      return consumedStatusRecoveryDims(input.project);
    case 'process_status':
      return processStatusRecoveryDims(input.project, input.samRecoveryDimensions ?? null);
    case 'added_files':
      if (!input.dataset) {
        throw invalid('added_files recovery needs the input dataset', [
          { field: 'dataset', message: 'missing' },
        ]);
      }
      return addedFilesRecoveryDims(input.project, input.dataset);
    case 'delivered_not_consumed':
      return deliveredNotConsumedRecoveryDims(input.project);
    case 'pending_files':
      return pendingFilesRecoveryDims(input, input.outputPatterns ?? ['%']);
  }
}

/**
 * Input definition of a submission: the dataset it was launched on, else the project summary's
 * `dataset_def_name` (the original read a `dataset` key real summaries do not have).
 */
export const inputDefinitionOf = (
  submissionDataset: string | null | undefined,
  summary: { dataset_def_name?: string | null } | null,
): string | null => submissionDataset || summary?.dataset_def_name || null;
