// What the dims builders need to know about one submission, and the clauses they share.

import { lineage, fileSelector, samQuote } from './sam-quote.js';
import { samTime } from './sam-time.js';

export interface SamSubmissionContext {
  /** SAM project the submission's jobs consumed from. */
  project: string;
  /** Stage snapshot software_version: SAM `version` of this stage's output files. */
  softwareVersion: string;
  /** Submission creation time: outputs are files created after it. */
  created: Date;
  /** Stage output_ancestor_depth: lineage levels between input and output files (≥ 1). */
  outputAncestorDepth: number;
}

/** SAM availability: `physical` = has a location (located); `anylocation` = declared. */
export type Availability = 'physical' | 'anylocation';

/** `snapshot_for_project_name '<P>'`: the files the project was given. */
export const projectSnapshot = (project: string): string =>
  `snapshot_for_project_name ${samQuote(project, 'project')}`;

/** This submission's outputs: `version 'V' and create_date > 'T'`. */
export const ownOutputs = (ctx: SamSubmissionContext): string =>
  `version ${samQuote(ctx.softwareVersion, 'software_version')} and create_date > '${samTime(ctx.created)}'`;

/** Input files with at least one own output matching `pattern` (optionally restricted by availability). */
export function parentsOfOutputs(
  ctx: SamSubmissionContext,
  pattern: string,
  availability?: Availability,
): string {
  const inner = `${fileSelector(pattern)} and ${ownOutputs(ctx)}`;
  return lineage(
    'isparentof',
    ctx.outputAncestorDepth,
    availability ? `${inner} with availability ${availability}` : inner,
  );
}
