import type { Column } from './list-download.js';

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** A cell from a nested value: lists of plain values joined with "; ", anything deeper as JSON. */
function cellOf(v: unknown): unknown {
  if (!Array.isArray(v)) return isPlain(v) ? JSON.stringify(v) : v;
  return v.every((x) => !isPlain(x) && !Array.isArray(x)) ? v.join('; ') : JSON.stringify(v);
}

/**
 * Columns for the rows of a list that names none itself: each field of the first rows (in order of
 * appearance), an object field spread one level as `field.key`, `omit` left out (actions,
 * permissions). Rows that are plain values (file names) get one column, `name`.
 */
export function flatColumns(sample: unknown[], omit: readonly string[] = []): Column<unknown>[] {
  if (sample.length && !isPlain(sample[0])) return [{ key: 'name', header: 'name', value: (r) => r }];
  const keys = new Map<string, Column<unknown>>();
  for (const row of sample as Record<string, unknown>[])
    for (const [k, v] of Object.entries(row)) {
      if (omit.includes(k)) continue;
      if (isPlain(v))
        for (const sub of Object.keys(v)) {
          const key = `${k}.${sub}`;
          if (!omit.includes(key) && !keys.has(key))
            keys.set(key, { key, header: key, value: (r) => cellOf((r as Record<string, never>)[k]?.[sub]) });
        }
      else if (!keys.has(k))
        keys.set(k, { key: k, header: k, value: (r) => cellOf((r as Record<string, unknown>)[k]) });
    }
  return [...keys.values()];
}
