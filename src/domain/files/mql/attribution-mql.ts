import { ATTRIBUTION_GRACE_MS, SUBMISSION_PARAM } from '../attribution.js';
import { MQL_KEYS } from './mql-keys.js';
import { mqlDatetime, mqlString } from './mql-text.js';
import { fileList } from './provenance-mql.js';

// The exact-attribution rule of docs/numbers.md (attribution.ts) in MQL, for MetaCat experiments:
// a submission's outputs are the files naming it (`poms.submission_id`), or files naming no
// submission that are children (to the ancestor depth) of the files its Data Dispatcher project
// handed to a job, created inside its lifetime (launch → Completed + grace); either way of its
// software version.

export interface MqlAttributedSubmission {
  submissionId: number;
  /** DIDs its DD project handed to a job (every handle no longer `initial`). */
  delivered: readonly string[];
  softwareVersion: string;
  created: Date;
  completedAt: Date | null;
  outputAncestorDepth: number;
}

export function attributedOutputsMql(s: MqlAttributedSubmission): string {
  if (!Number.isInteger(s.submissionId) || s.submissionId < 0)
    throw new RangeError(`submission id ${s.submissionId}`);
  const tied = `files where ${SUBMISSION_PARAM} = ${s.submissionId}`;
  const version = `${MQL_KEYS.version} = ${mqlString(s.softwareVersion)}`;
  if (s.delivered.length === 0) return `(${tied}) where ${version}`;
  let kids = fileList(s.delivered);
  for (let i = 0; i < Math.max(1, s.outputAncestorDepth); i++) kids = `children(${kids})`;
  const window = [
    `created_timestamp > ${mqlDatetime(s.created)}`,
    ...(s.completedAt
      ? [`created_timestamp <= ${mqlDatetime(new Date(s.completedAt.getTime() + ATTRIBUTION_GRACE_MS))}`]
      : []),
  ].join(' and ');
  const untied = `${kids} where ${window} and ${SUBMISSION_PARAM} not present`;
  return `union(${tied}, ${untied}) where ${version}`;
}
