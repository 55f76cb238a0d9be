import { COUNT_FIELDS, DD_ENV, envFields, submissionArgs, type LensKey } from './lens-documents.js';

export interface BatchAlias {
  alias: string;
  key: LensKey;
}

export const BATCH_ENV = ['POMS_ENV', ...DD_ENV];
const fieldList = (env: string[]) =>
  ['pomsTaskID', 'id', 'done', 'error', ...COUNT_FIELDS.slice(1), 'args', ...envFields(env)].join(' ');
/** The field list F of the usual document, made once rather than per key. */
const BATCH_FIELDS = fieldList(BATCH_ENV);

/**
 * Query 5: one document, one aliased `submission` per key (`j<i>` by jobsub id, `s<i>` by task id,
 * numbered per kind in key order), each with the full field list F of external-apis.md 3.3.
 */
export function batchedSubmissionsQuery(
  keys: LensKey[],
  env: string[] = BATCH_ENV,
): { document: string; aliases: BatchAlias[] } {
  const fields = env === BATCH_ENV ? BATCH_FIELDS : fieldList(env);
  let j = 0;
  let s = 0;
  const aliases = keys.map((key) => ({ alias: 'jobId' in key ? `j${j++}` : `s${s++}`, key }));
  const parts = aliases.map(({ alias, key }) => `${alias}: submission(${submissionArgs(key)}) { ${fields} }`);
  return { document: `{ ${parts.join(' ')} }`, aliases };
}
