// Dims counted by wrapup to decide whether a Completed submission's outputs are Located.

import { parentsOfOutputs, projectSnapshot, type SamSubmissionContext } from './sam-context.js';
import { distinctPatterns, patternsOrAll } from './output-patterns.js';
import { samQuote } from './sam-quote.js';

/**
 * Patterns that must have located outputs: the file patterns of the stage's downstream dependency
 * rows, or, when it has none, each of the job type's output patterns (the original glued the
 * list into one pattern). Repeats are dropped.
 */
export const locatedCheckPatterns = (
  dependencyPatterns: readonly string[],
  outputPatterns: readonly string[],
): string[] =>
  distinctPatterns(
    dependencyPatterns.length > 0 ? dependencyPatterns : outputPatterns.length ? outputPatterns : ['%'],
  );

/**
 * Input files of the project with a located own output for every pattern; compared with the files
 * consumed × completion_pct. Patterns use `file_name like` as everywhere else.
 */
export function locatedCheckDims(ctx: SamSubmissionContext, patterns: readonly string[]): string {
  const clauses = patternsOrAll(patterns).map((p) => parentsOfOutputs(ctx, p, 'physical'));
  return [projectSnapshot(ctx.project), ...clauses].join(' and ');
}

/** Without a SAM project: the files the jobs declared into their dependency definition. */
export const noProjectLocatedDims = (definitionName: string): string =>
  `defname:${samQuote(definitionName, 'definition')}`;
