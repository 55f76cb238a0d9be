import { MQL_KEYS } from './mql-keys.js';
import { likeToRegex, mqlDatetime, mqlString, qualifiedName } from './mql-text.js';

// MQL over MetaCat provenance (external-apis.md 4.2, 4.4): a submission's outputs are the
// children (to the stage's ancestor depth) of its input files, made by its software version after
// it was created, matching a file pattern. Dependencies run on those outputs; `reprocess_orphans`
// recovers the inputs that have none; Located asks Rucio for a replica of each.

export interface OutputFilter {
  /** SAM-style LIKE pattern (`reco_%.root`), or an MQL condition when it holds a space. */
  pattern: string;
  /** Software version the outputs carry; absent = any. */
  version?: string | null;
  /** Outputs are created after this (the submission's creation). */
  after: Date;
}

/** `files ns:a, ns:b` — an explicit file list (Data Dispatcher project files); never empty. */
export function fileList(dids: readonly string[]): string {
  if (dids.length === 0) throw new Error('fileList: an MQL file list cannot be empty');
  return `files ${dids
    .map((d) => {
      const q = qualifiedName(d, 'file');
      return `${q.namespace}:${q.name}`;
    })
    .join(', ')}`;
}

const nest = (kind: 'children' | 'parents', q: string, depth: number) => {
  let out = q;
  for (let i = 0; i < Math.max(1, depth); i++) out = `${kind}(${out})`;
  return out;
};

/** The condition an output file meets. */
export function outputCondition(f: OutputFilter): string {
  const parts = [
    f.pattern.includes(' ') ? `(${f.pattern})` : `name ~ ${mqlString(likeToRegex(f.pattern))}`,
    ...(f.version ? [`${MQL_KEYS.version} = ${mqlString(f.version)}`] : []),
    `created_timestamp > ${mqlDatetime(f.after)}`,
  ];
  return parts.join(' and ');
}

/** The outputs of `input` (depth generations down) that match `f`. */
export const outputsOf = (input: string, f: OutputFilter, depth = 1): string =>
  `${nest('children', input, depth)} where ${outputCondition(f)}`;

/** The files of `input` lacking an output for at least one of `filters` (`reprocess_orphans`). */
export function orphansOf(input: string, filters: readonly OutputFilter[], depth = 1): string {
  const covered = filters.map((f) => nest('parents', `(${outputsOf(input, f, depth)})`, depth));
  const all = covered.length === 1 ? covered[0] : `join(${covered.join(', ')})`;
  return `(${input}) - ${all}`;
}
