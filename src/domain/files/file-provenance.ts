// What a file's SAM metadata says about the POMS submission that made it, and how its details page
// lists the rest of its metadata.
import { SUBMISSION_PARAM } from './attribution.js';

/** The submission a file's metadata names (`poms.submission_id`), or null when it names none. */
export function producedBy(metadata: Record<string, unknown> | null): number | null {
  const v = metadata?.[SUBMISSION_PARAM];
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Fields shown on their own on the details page, not again in the metadata table. */
const APART = new Set(['file_name', 'parents']);

/** The metadata as `[key, text]` rows for a table: nested values as JSON, keys sorted. */
export function metadataRows(metadata: Record<string, unknown>): Array<[string, string]> {
  return Object.keys(metadata)
    .filter((k) => !APART.has(k))
    .sort()
    .map((k) => {
      const v = metadata[k];
      return [k, typeof v === 'string' ? v : JSON.stringify(v)];
    });
}
