import type { DimsModifiers } from './dims-ast.js';
import type { SimFile } from './dims-catalogue.js';
import { byId, type FileSet } from './dims-context.js';

/**
 * Applies `with …` to a result, in this order whatever order they were written in:
 * availability filter, order by file id, skip `offset`, keep every `stride`-th file, keep `limit`.
 * So `with limit n offset k` is files k..k+n-1 and `with stride s offset k` is files k, k+s, k+2s…
 * Availability: `physical` keeps located files only; `anylocation`, `virtual` and `default` (also
 * the default when absent) keep every declared file. A list keeps the union of its flags.
 */
export function applyDimsModifiers(files: FileSet, m: DimsModifiers): SimFile[] {
  let list = [...files].sort(byId);
  if (m.availability && m.availability.every((a) => a === 'physical')) list = list.filter((f) => f.located);
  if (m.offset !== undefined) list = list.slice(m.offset);
  const stride = m.stride;
  if (stride !== undefined) list = list.filter((_, i) => i % stride === 0);
  if (m.limit !== undefined) list = list.slice(0, m.limit);
  return list;
}
