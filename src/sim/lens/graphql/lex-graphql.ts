import type { GraphqlLocation } from './graphql-ast.js';
import { GraphqlSyntaxError } from './graphql-syntax-error.js';

export type GraphqlTokenKind = 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof';

export interface GraphqlToken {
  kind: GraphqlTokenKind;
  /** Punctuator or name as written, number text, or the decoded string value. */
  value: string;
  loc: GraphqlLocation;
}

const PUNCT = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);
const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** GraphQL lexical grammar; whitespace, commas and `#` comments are ignored. */
export function lexGraphql(src: string): GraphqlToken[] {
  const tokens: GraphqlToken[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const loc = (at = i): GraphqlLocation => ({ line, column: at - lineStart + 1 });
  const fail = (message: string, at = i): never => {
    throw new GraphqlSyntaxError(`Syntax Error: ${message}`, loc(at));
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) {
      i++;
      line++;
      lineStart = i;
    } else if (ch === ' ' || ch === '\t' || ch === ',' || ch === '\r' || ch === '\ufeff') {
      i++;
    } else if (ch === '#') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: 'punct', value: ch, loc: loc() });
      i++;
    } else if (src.startsWith('...', i)) {
      fail('Fragments are not supported.');
    } else if (ch === '"') {
      if (src.startsWith('"""', i)) fail('Block strings are not supported.');
      const start = i;
      let value = '';
      for (i++; ; i++) {
        const c = src[i];
        if (c === undefined || c === '\n' || c === '\r') fail('Unterminated string.', start);
        if (c === '"') break;
        if (c !== '\\') {
          value += c;
          continue;
        }
        const e = src[++i];
        if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(src.slice(i + 1, i + 5))) {
          value += String.fromCharCode(parseInt(src.slice(i + 1, i + 5), 16));
          i += 4;
        } else if (e !== undefined && ESCAPES[e] !== undefined) {
          value += ESCAPES[e];
        } else {
          fail(`Invalid character escape sequence: "\\${e ?? ''}".`, i - 1);
        }
      }
      tokens.push({ kind: 'string', value, loc: loc(start) });
      i++;
    } else {
      NAME.lastIndex = i;
      NUMBER.lastIndex = i;
      const name = NAME.exec(src);
      const num = name ? null : NUMBER.exec(src);
      const m = name ?? num ?? fail(`Unexpected character: ${JSON.stringify(ch)}.`);
      if (num && /[_A-Za-z.]/.test(src[i + m[0].length] ?? ''))
        fail(`Invalid number: ${JSON.stringify(m[0])}.`);
      tokens.push({ kind: name ? 'name' : m[1] || m[2] ? 'float' : 'int', value: m[0], loc: loc() });
      i += m[0].length;
    }
  }
  tokens.push({ kind: 'eof', value: '', loc: loc() });
  return tokens;
}
