import { ATTRIBUTION_GRACE_MS } from '../attribution.js';
import { METADATA_KEY, MQL_KEYS } from './mql-keys.js';
import { mqlDatetime, mqlString } from './mql-text.js';
import { fileList } from './provenance-mql.js';

// The exact-attribution rule of docs/numbers.md (attribution.ts) in MQL, for MetaCat experiments:
// a submission's outputs are the files naming it (under `param`, `[metacat] attribution_param`,
// the key its jobs put POMS_METACAT_ATTRIBUTION_PARAM's submission id in), or files naming no
// submission that are children (to the ancestor depth) of the files its Data Dispatcher project
// handed to a job, created inside its lifetime (launch → Completed + grace); either way of its
// software version.

export interface MqlAttributedSubmission {
  submissionId: number;
  /** The metadata key naming the submission on its outputs (a checked `category.name`). */
  param: string;
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
  if (!METADATA_KEY.test(s.param)) throw new RangeError(`attribution key ${s.param}`);
  const tied = `files where ${s.param} = ${s.submissionId}`;
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
  const untied = `${kids} where ${window} and ${s.param} not present`;
  return `union(${tied}, ${untied}) where ${version}`;
}
