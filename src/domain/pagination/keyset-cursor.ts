// A keyset cursor: where a list sorted by (key, id) stopped, so the next or previous page starts
// right after it instead of skipping OFFSET rows (a deep page costs what the first does). It
// travels in the address (`after=` / `before=`) as base64url text of `[sort, key, id]`: the sort
// it belongs to (a cursor of another sort is ignored), the sort key as PostgreSQL printed it
// (exact, microseconds included) and the row id that breaks ties.

export type KeyKind = 'timestamp' | 'integer' | 'text';

export interface KeysetCursor {
  sort: string;
  key: string;
  id: number;
}

const SHAPES: Record<KeyKind, RegExp> = {
  // PostgreSQL's ISO output of timestamptz, e.g. 2026-12-06 16:54:09.175123+00
  timestamp: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2}){0,2}|Z)?$/,
  integer: /^-?\d{1,19}$/,
  text: /^[\s\S]{0,500}$/,
};

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.id])).toString('base64url');
}

/**
 * The cursor in `text`, checked against the kind of key its sort has; null when it is not one of
 * ours (the caller says which field was wrong). `kinds` maps each sort name to its key kind.
 */
export function decodeCursor(text: string, kinds: Record<string, KeyKind>): KeysetCursor | null {
  if (text.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 3) return null;
  const [sort, key, id] = v as unknown[];
  if (typeof sort !== 'string' || typeof key !== 'string' || !Number.isSafeInteger(id) || (id as number) < 1)
    return null;
  const kind = Object.hasOwn(kinds, sort) ? kinds[sort] : undefined;
  if (!kind || !SHAPES[kind].test(key)) return null;
  return { sort, key, id: id as number };
}
