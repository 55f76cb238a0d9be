// What a file's details page asks SAM about one file: is it an output of a submission (by the
// attribution rule, attribution.ts), was it delivered to (or consumed by) some submissions'
// projects; and how the page lists the rest of its metadata.
import { samQuote } from './sam-quote.js';
import { CONSUMED_STATUS_FILTERS, projectsDims } from './stats-dims.js';

const oneFile = (name: string) => `file_name ${samQuote(name, 'name')}`;

/**
 * The file itself if it is among `outputDims` (a submission's attributed outputs, e.g.
 * outputFilesDims): count 1 when the submission made it, 0 when not.
 */
export const fileAmongDims = (name: string, outputDims: string): string =>
  `${oneFile(name)} and ${outputDims}`;

/**
 * The file if any of `projects` was handed it (`delivered`: any consumed status but unknown) or
 * processed it (`consumed`): count 1 or 0.
 */
export const fileInProjectsDims = (
  name: string,
  projects: readonly string[],
  status: 'delivered' | 'consumed',
): string =>
  `${oneFile(name)} and ${projectsDims(projects)} and consumed_status ${CONSUMED_STATUS_FILTERS[status]}`;

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
