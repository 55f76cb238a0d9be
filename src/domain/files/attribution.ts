// Attribution: which output files belong to which submission (docs/numbers.md). Every output count,
// the Located check, the Pending column and their drill-down links use this one rule, so a file is
// attributed to exactly one submission and a number never includes files another launch made.

import { lineage, samQuote } from './sam-quote.js';
import { samTime } from './sam-time.js';

/**
 * Metadata parameter the jobs of a POMS launch declare on their outputs (POMS4_SUBMISSION_ID), by
 * default. A SAM must define it (`samweb add-parameter poms.submission_id int`) before files can
 * carry it or dims can name it: `[sam] attribution_param` names it, empty when it is not defined
 * (attribution then rests on lineage and lifetime alone).
 */
export const SUBMISSION_PARAM = 'poms.submission_id';

/**
 * How long after POMS saw a submission Completed its jobs' outputs may still be declared (files
 * are declared by the jobs before they end; this covers late catalogue writes).
 */
export const ATTRIBUTION_GRACE_MS = 15 * 60_000;

/** Consumed statuses of a file the project handed to a job (every status but `unknown`). */
const DELIVERED = 'consumed,completed,cancelled,failed,skipped,unconsumed,delivered,transferred';

export interface AttributedSubmission {
  submissionId: number;
  /** The metadata parameter naming the submission on its outputs; null when SAM does not define one. */
  param: string | null;
  /** Its SAM project. */
  project: string;
  /** Stage snapshot software_version: SAM `version` of its outputs. */
  softwareVersion: string;
  /** Launch time: its outputs are created after it. */
  created: Date;
  /** When POMS saw it Completed; null while it has not completed (no upper bound yet). */
  completedAt: Date | null;
  /** Stage output_ancestor_depth (≥ 1). */
  outputAncestorDepth: number;
}

/** End of the submission's own lifetime: Completed time plus the grace period. */
export const lifetimeEnd = (completedAt: Date): Date =>
  new Date(completedAt.getTime() + ATTRIBUTION_GRACE_MS);

/**
 * The submission's own output files, before output patterns and availability:
 * - files whose metadata names it (`poms.submission_id <sid>`): its jobs declared them; or
 * - files that name no submission (any file, when SAM defines no such parameter) and are children (to the stage's ancestor depth) of files
 *   delivered to ITS project, created inside its lifetime (launch → Completed + grace);
 * and, either way, of its software version. A recovery or a re-run has its own project, id and
 * lifetime, so its outputs are its own and never the original's.
 */
export function attributedOutputs(s: AttributedSubmission): string {
  const delivered = `snapshot_for_project_name ${samQuote(s.project, 'project')} and consumed_status ${DELIVERED}`;
  const window = [
    `create_date > '${samTime(s.created)}'`,
    ...(s.completedAt ? [`create_date <= '${samTime(lifetimeEnd(s.completedAt))}'`] : []),
  ].join(' and ');
  const version = `version ${samQuote(s.softwareVersion, 'software_version')}`;
  const children = `${lineage('ischildof', s.outputAncestorDepth, delivered)} and ${window}`;
  if (s.param === null) return `( ${children} ) and ${version}`;
  const tied = `${s.param} ${submissionIdText(s.submissionId)}`;
  const untied = `( ${children} ) minus ( ${s.param} like '%' )`;
  return `( ( ${tied} ) or ( ${untied} ) ) and ${version}`;
}

function submissionIdText(id: number): string {
  if (!Number.isInteger(id) || id < 0) throw new RangeError(`submission id ${id}`);
  return String(id);
}

/**
 * The submission a file's metadata names under `param` (Sam.attributionParam, `[sam]
 * attribution_param`), as a number or digits; null when the experiment's SAM defines no such
 * parameter (param null) or the file names none (rule 2 then decides whose output it is).
 */
export function namedSubmission(
  metadata: Record<string, unknown> | null,
  param: string | null,
): number | null {
  if (param === null) return null;
  // SAM answers parameter names in its own case; match them as SAM does, case-insensitively.
  const key = Object.keys(metadata ?? {}).find((k) => k.toLowerCase() === param.toLowerCase());
  const v = key === undefined ? undefined : metadata![key];
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}
