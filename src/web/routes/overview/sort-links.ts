import { OVERVIEW_SORTS } from '../../../db/read-models/overview-read-model.js';

/**
 * For each sortable column, the list URL that sorts by it: ascending, or reversed when it is the
 * current sort. Other query parameters are kept; the page goes back to 1.
 */
export function sortLinks(
  base: string,
  query: Record<string, unknown>,
  current: { sort: string; dir: string },
) {
  const links: Record<string, string> = {};
  for (const key of OVERVIEW_SORTS) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      if (typeof v === 'string' && v !== '' && !['sort', 'dir', 'page'].includes(k)) q.set(k, v);
    q.set('sort', key);
    q.set('dir', current.sort === key && current.dir === 'asc' ? 'desc' : 'asc');
    links[key] = `${base}?${q}`;
  }
  return links;
}
