// What the CLI prints: aligned tables and "key: value" blocks for people, JSON for scripts.

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const cell = (v: unknown): string =>
  v === null || v === undefined
    ? '-'
    : v instanceof Date
      ? v.toISOString()
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** Columns padded to their widest cell, two spaces apart; no trailing blanks. */
export function table(headers: string[], rows: unknown[][]): string {
  const text = [headers, ...rows.map((r) => r.map(cell))];
  const widths = headers.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  return text
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `key: value` lines, keys aligned. */
export function fields(entries: Array<[string, unknown]>): string {
  const w = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${`${k}:`.padEnd(w + 1)} ${cell(v)}`).join('\n');
}

export const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Local time of day for progress lines. */
export const clock = (d = new Date()) => d.toTimeString().slice(0, 8);
