import { MqlSyntaxError } from './mql-ast.js';

export type MqlTokenKind = 'word' | 'string' | 'punct' | 'op' | 'minus' | 'eof';

export interface MqlToken {
  kind: MqlTokenKind;
  /** Words and operators as written; strings without quotes and escapes. */
  text: string;
  pos: number;
}

const WORD = /[-A-Za-z0-9_.$@/]+/y;
const OPS = ['!~*', '~*', '!~', '<=', '>=', '==', '!=', '<', '>', '=', '~'];

/** MQL text → tokens. A `-` on its own (not inside a name) is the minus operator. */
export function tokenizeMql(text: string): MqlToken[] {
  const out: MqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if ('()[]{},:'.includes(ch)) {
      out.push({ kind: 'punct', text: ch, pos: i++ });
    } else if (ch === '"' || ch === "'") {
      let v = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== ch; j++) v += text[j] === '\\' ? text[++j] : text[j];
      if (j >= text.length) throw new MqlSyntaxError('Unterminated string', i);
      out.push({ kind: 'string', text: v, pos: i });
      i = j + 1;
    } else if (ch === '-' && !/[-A-Za-z0-9_.$@/]/.test(text[i + 1] ?? '')) {
      out.push({ kind: 'minus', text: '-', pos: i++ });
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        out.push({ kind: 'op', text: op, pos: i });
        i += op.length;
        continue;
      }
      if (ch === '!') {
        out.push({ kind: 'op', text: '!', pos: i++ });
        continue;
      }
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) throw new MqlSyntaxError(`Unexpected character '${ch}'`, i);
      out.push({ kind: 'word', text: m[0], pos: i });
      i += m[0].length;
    }
  }
  out.push({ kind: 'eof', text: '', pos: text.length });
  return out;
}
