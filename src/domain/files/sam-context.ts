// What the dims builders need to know about one submission, and the clauses they share.

import { lineage, fileSelector, samQuote } from './sam-quote.js';
import { attributedOutputs } from './attribution.js';
import { samTime } from './sam-time.js';

export interface SamSubmissionContext {
  /**
   * Given, the submission's outputs are the files attributed to it (attribution.ts); absent, the
   * family rule of dependencies and recoveries: every output of its version created after it.
   */
  attribution?: { submissionId: number; completedAt: Date | null; param: string | null };
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

/**
 * This submission's outputs: attributed to it (attribution.ts) when the context says which
 * submission it is; else `version 'V' and create_date > 'T'`.
 */
export const ownOutputs = (ctx: SamSubmissionContext): string =>
  ctx.attribution
    ? attributedOutputs({ ...ctx, ...ctx.attribution })
    : `version ${samQuote(ctx.softwareVersion, 'software_version')} and create_date > '${samTime(ctx.created)}'`;

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
