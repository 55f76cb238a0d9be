import { invalid } from '../../../lib/errors.js';

// Literals of MetaCat's query language (MQL, metacat/mql/grammar/common.py): quoted strings,
// qualified names, datetimes and the regular expression a SAM-style LIKE pattern becomes (MetaCat
// parses `like` but does not implement it, external-apis.md 4.2).

/** A double-quoted MQL string; backslashes and quotes escaped. */
export const mqlString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

const FNAME = /^[-_./A-Za-z0-9]+$/;

/** `ns:name`, refused (with the field) when either part has characters MQL names cannot hold. */
export function qualifiedName(did: string, field = 'dataset'): { namespace: string; name: string } {
  const i = did.indexOf(':');
  const namespace = i > 0 ? did.slice(0, i) : '';
  const name = did.slice(i + 1);
  if (!FNAME.test(namespace) || !FNAME.test(name)) {
    const message = `'${did}' is not a MetaCat name: write namespace:name (letters, digits, _ - . /)`;
    throw invalid(message, [{ field, message }]);
  }
  return { namespace, name };
}

/** `datetime("YYYY-MM-DDTHH:MM:SS")` in UTC, MetaCat's default zone; whole seconds. */
export function mqlDatetime(at: Date | number): string {
  const d = typeof at === 'number' ? new Date(Math.trunc(at) * 1000) : at;
  return `datetime(${mqlString(d.toISOString().slice(0, 19))})`;
}

/** An anchored regular expression for a LIKE pattern: `%` any run, `_` one character. */
export function likeToRegex(pattern: string): string {
  let out = '^';
  for (const c of pattern) {
    if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
  }
  return `${out}$`;
}
