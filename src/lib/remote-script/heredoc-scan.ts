import { WORD_BREAK } from './shell-context.js';

// The pieces of a here-document (`<<DELIM` … `DELIM`) a setup text's reader needs: the delimiter
// word, where the body ends, and where a quoted body holds a placeholder it cannot expand.

/** A here-document whose operator was read; its body starts after the end of the line. */
export interface PendingHeredoc {
  delimiter: string;
  /** `<<-`: leading tabs of the delimiter line are ignored. */
  stripTabs: boolean;
  /** Any quoting in the delimiter word: the body is not expanded. */
  quoted: boolean;
  line: number;
}

/**
 * The delimiter word starting at `t[i]` (after `<<`, `-` and blanks): its text without quotes,
 * whether it was quoted, and the index after it; or why it cannot be read.
 */
export function readDelimiter(
  t: string,
  i: number,
): { delimiter: string; quoted: boolean; end: number } | { problem: string } {
  let delimiter = '';
  let quoted = false;
  while (i < t.length && !WORD_BREAK.test(t[i])) {
    const c = t[i];
    if (c === '%') return { problem: 'a %(key)s placeholder or % in a here-document delimiter' };
    if (c === "'" || c === '"') {
      const end = t.indexOf(c, i + 1);
      if (end < 0) return { problem: `unclosed ${c} in a here-document delimiter` };
      delimiter += t.slice(i + 1, end);
      quoted = true;
      i = end + 1;
    } else if (c === '\\') {
      delimiter += t[i + 1] ?? '';
      quoted = true;
      i += 2;
    } else {
      delimiter += c;
      i += 1;
    }
  }
  return { delimiter, quoted, end: i };
}

/**
 * Where the body of `h` that starts at `t[start]` ends: the start of its delimiter line (`found`),
 * or the end of the text when no line ends it.
 */
export function bodyEnd(t: string, start: number, h: PendingHeredoc): { end: number; found: boolean } {
  let end = start;
  while (end < t.length) {
    const nl = t.indexOf('\n', end);
    const lineEnd = nl < 0 ? t.length : nl;
    const text = t.slice(end, lineEnd);
    if ((h.stripTabs ? text.replace(/^\t+/, '') : text) === h.delimiter) return { end, found: true };
    end = nl < 0 ? t.length : nl + 1;
  }
  return { end, found: false };
}

/** The line of the first `%(` in a body starting on `bodyLine`, or undefined when it has none. */
export function placeholderLine(body: string, bodyLine: number): number | undefined {
  if (!/%\(/.test(body)) return undefined;
  return bodyLine + body.slice(0, body.indexOf('%(')).split('\n').length - 1;
}
