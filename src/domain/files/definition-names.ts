// Names of the SAM definitions POMS creates. Other tools and our pages rely on these forms:
// `poms_recover_<uuid>_<sid>_<position>` and `poms_depends_<sid>_<i>` (analysis stages:
// `poms_<user>_depends_<sid>_<i>`, so the user's jobs may declare it themselves).

import { invalid } from '../../lib/errors.js';

const nonNegativeInt = (n: number, field: string) => {
  if (!Number.isInteger(n) || n < 0)
    throw invalid(`${field} must be a non-negative integer`, [{ field, message: `got ${n}` }]);
  return n;
};

/** `uuid`: a random UUID per attempt; `sid`: the original submission; `position`: ladder index launched. */
export function recoveryDefinitionName(uuid: string, sid: number, position: number): string {
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(uuid)) {
    throw invalid('recovery definition needs a UUID', [{ field: 'uuid', message: `got ${uuid}` }]);
  }
  return `poms_recover_${uuid}_${nonNegativeInt(sid, 'submission_id')}_${nonNegativeInt(position, 'recovery_position')}`;
}

/** `i` counts the non-self dependencies of the upstream stage from 1, ordered by downstream stage id. */
export function dependencyDefinitionName(sid: number, i: number, analysisUser?: string | null): string {
  nonNegativeInt(sid, 'submission_id');
  if (!Number.isInteger(i) || i < 1)
    throw invalid('dependency index starts at 1', [{ field: 'index', message: `got ${i}` }]);
  if (!analysisUser) return `poms_depends_${sid}_${i}`;
  if (!/^[A-Za-z0-9_.-]+$/.test(analysisUser)) {
    throw invalid('user name cannot be used in a SAM definition name', [
      { field: 'username', message: analysisUser },
    ]);
  }
  return `poms_${analysisUser}_depends_${sid}_${i}`;
}

export type ChainedDatasetName =
  | { kind: 'recovery'; uuid: string; submissionId: number; position: number }
  | { kind: 'dependency'; submissionId: number; index: number; user: string | null };

/**
 * Reads a submission's dataset name back: which submission's completion launched it (↺ / ↳
 * markers). A MetaCat experiment's names carry its namespace (`dune:poms_depends_7_1`).
 */
export function parseChainedDatasetName(qualified: string): ChainedDatasetName | null {
  const name = qualified.replace(/^[A-Za-z0-9_.-]+:/, '');
  const rec = /^poms_recover_([0-9a-f-]+)_(\d+)_(\d+)$/i.exec(name);
  if (rec) return { kind: 'recovery', uuid: rec[1], submissionId: Number(rec[2]), position: Number(rec[3]) };
  const dep = /^poms_(?:(.+)_)?depends_(\d+)_(\d+)$/.exec(name);
  if (dep)
    return { kind: 'dependency', submissionId: Number(dep[2]), index: Number(dep[3]), user: dep[1] ?? null };
  return null;
}
