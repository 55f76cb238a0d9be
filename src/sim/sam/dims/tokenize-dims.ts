import { DimsSyntaxError } from './dims-errors.js';

export type DimsTokenKind = 'word' | 'string' | 'lparen' | 'rparen' | 'comma' | 'colon' | 'op' | 'eof';

export interface DimsToken {
  kind: DimsTokenKind;
  /** Words and operators as written; strings without their quotes. */
  text: string;
  /** 0-based offset of the token's first character. */
  pos: number;
}

const PUNCTUATION: Record<string, DimsTokenKind> = {
  '(': 'lparen',
  ')': 'rparen',
  ',': 'comma',
  ':': 'colon',
};
const OPERATORS = ['<=', '>=', '!=', '<', '>', '='];
// A bare word runs until whitespace, punctuation, a quote or an operator character. SAM is stricter
// (letters, digits and `_.%?-+`); being lenient only accepts more.
const WORD = /[^\s(),:'"<>=!]+/y;

/**
 * Splits dimension text into tokens. Quoted values use '…' or "…"; a backslash before the quote
 * character keeps it in the value, every other character (including `\%`) is kept as written.
 */
export function tokenizeDims(text: string): DimsToken[] {
  const tokens: DimsToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCTUATION[ch]) {
      tokens.push({ kind: PUNCTUATION[ch], text: ch, pos: i++ });
    } else if (ch === "'" || ch === '"') {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'string', text: value, pos: i });
      i = end;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op, pos: i });
        i += op.length;
        continue;
      }
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) throw new DimsSyntaxError(`unexpected character '${ch}'`, i, text);
      tokens.push({ kind: 'word', text: m[0], pos: i });
      i += m[0].length;
    }
  }
  tokens.push({ kind: 'eof', text: '', pos: text.length });
  return tokens;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\' && text[i + 1] === quote) {
      value += quote;
      i++;
    } else {
      value += ch;
    }
  }
  throw new DimsSyntaxError('unterminated quoted value', start, text);
}
