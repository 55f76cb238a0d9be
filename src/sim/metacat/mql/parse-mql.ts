import { MqlSyntaxError, type MqlMeta, type MqlQuery, type MqlScalar, type MqlValue } from './mql-ast.js';
import { tokenizeMql, type MqlToken } from './tokenize-mql.js';
import { parseMqlDatetime } from './mql-datetime.js';

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Parses a file query (grammar in mql-ast.ts); throws MqlSyntaxError with the position. */
export function parseMql(text: string): MqlQuery {
  const t = tokenizeMql(text);
  let i = 0;
  const peek = (o = 0): MqlToken => t[Math.min(i + o, t.length - 1)];
  const isWord = (w: string, o = 0) => peek(o).kind === 'word' && peek(o).text.toLowerCase() === w;
  const isPunct = (p: string) => peek().kind === 'punct' && peek().text === p;
  const fail = (what: string): never => {
    const tok = peek();
    throw new MqlSyntaxError(
      `Expected ${what}, found ${tok.kind === 'eof' ? 'end of query' : `'${tok.text}'`}`,
      tok.pos,
    );
  };
  const punct = (p: string) => (isPunct(p) ? t[i++] : fail(`'${p}'`));
  const int = (): number => {
    const tok = peek();
    if (tok.kind !== 'word' || !/^\d+$/.test(tok.text)) fail('a whole number');
    i++;
    return Number(tok.text);
  };
  const qname = (): string => {
    const ns = peek().kind === 'word' ? t[i++].text : fail('a namespace');
    punct(':');
    const name = peek().kind === 'word' ? t[i++].text : fail('a name');
    return `${ns}:${name}`;
  };
  /** `ns:a, ns:b`: a comma continues the list only when a qualified name follows it. */
  const qnames = (): string[] => {
    const out = [qname()];
    while (isPunct(',') && peek(1).kind === 'word' && peek(2).kind === 'punct' && peek(2).text === ':') {
      i++;
      out.push(qname());
    }
    return out;
  };
  const commaList = <T>(item: () => T): T[] => {
    const out = [item()];
    while (isPunct(',')) {
      i++;
      out.push(item());
    }
    return out;
  };

  function query(): MqlQuery {
    let q = filtered();
    while (peek().kind === 'minus') {
      i++;
      q = { k: 'minus', a: q, b: filtered() };
    }
    return q;
  }

  function filtered(): MqlQuery {
    let q = primary();
    for (;;) {
      if (isWord('ordered')) {
        i++;
        q = { k: 'ordered', q };
      } else if (isWord('skip') || isWord('limit')) {
        const k = t[i++].text.toLowerCase() as 'skip' | 'limit';
        q = { k, q, n: int() };
      } else if (isWord('where')) {
        i++;
        q = { k: 'where', q, cond: meta() };
      } else return q;
    }
  }

  function primary(): MqlQuery {
    if (isWord('files')) {
      i++;
      if (isWord('from')) {
        i++;
        // `files from datasets matching …` is MetaCat's, but POMS never writes it
        if (isWord('datasets')) fail('a dataset name');
        return { k: 'dataset', dids: qnames() };
      }
      if (isWord('selected')) {
        i++;
        if (isWord('by')) i++;
        return { k: 'named', did: qname() };
      }
      // bare `files`: every file (MetaCat allows leaving the dataset out)
      if (!(peek().kind === 'word' && peek(1).kind === 'punct' && peek(1).text === ':')) return { k: 'all' };
      return { k: 'files', dids: qnames() };
    }
    if (isWord('fids') || isWord('fid')) {
      i++;
      return { k: 'fids', fids: commaList(() => (peek().kind === 'word' ? t[i++].text : fail('a file id'))) };
    }
    for (const k of ['union', 'join', 'parents', 'children'] as const) {
      if (!isWord(k)) continue;
      i++;
      punct('(');
      const parts = k === 'union' || k === 'join' ? commaList(query) : [query()];
      punct(')');
      return k === 'union' || k === 'join' ? { k, parts } : { k, q: parts[0] };
    }
    if (isWord('filter')) {
      i++;
      const name = peek().kind === 'word' ? t[i++].text : fail('a filter name');
      punct('(');
      const params = isPunct(')') ? [] : commaList(int);
      punct(')');
      punct('(');
      const parts = commaList(query);
      punct(')');
      return { k: 'filter', name, params, parts };
    }
    if (isPunct('[') || isPunct('{')) {
      const open = t[i++].text;
      const parts = commaList(query);
      punct(CLOSE[open]);
      return { k: open === '[' ? 'union' : 'join', parts };
    }
    if (isPunct('(')) {
      i++;
      const q = query();
      punct(')');
      return q;
    }
    return fail('a file query');
  }

  function meta(): MqlMeta {
    const parts = [conj()];
    while (isWord('or')) {
      i++;
      parts.push(conj());
    }
    return parts.length === 1 ? parts[0] : { k: 'or', parts };
  }
  function conj(): MqlMeta {
    const parts = [term()];
    while (isWord('and')) {
      i++;
      parts.push(term());
    }
    return parts.length === 1 ? parts[0] : { k: 'and', parts };
  }
  function term(): MqlMeta {
    if (isPunct('(')) {
      i++;
      const e = meta();
      punct(')');
      return e;
    }
    if (peek().kind === 'op' && peek().text === '!') return (i++, { k: 'not', e: term() });
    const s = scalar();
    const neg = isWord('not') ? (i++, true) : false;
    if (isWord('present')) return (i++, { k: 'present', name: s.name, neg });
    if (isWord('in')) {
      i++;
      if (isPunct('(')) {
        i++;
        const values = commaList(constant);
        punct(')');
        return { k: 'set', s, values, neg };
      }
      const lo = constant();
      punct(':');
      return { k: 'range', s, lo, hi: constant(), neg };
    }
    if (neg) fail("'in' or 'present'");
    const op = peek().kind === 'op' && peek().text !== '!' ? t[i++].text : fail('a comparison');
    return { k: 'cmp', s, op: op === '==' ? '=' : op, v: constant() };
  }
  function scalar(): MqlScalar {
    const name = peek().kind === 'word' ? t[i++].text : fail('a metadata name or attribute');
    if (!isPunct('[')) return { name };
    i++;
    const tok = peek().kind === 'word' ? t[i++] : fail("'any', 'all' or an index");
    punct(']');
    const index =
      tok.text === 'any' || tok.text === 'all'
        ? tok.text
        : /^\d+$/.test(tok.text)
          ? Number(tok.text)
          : fail('an index');
    return { name, index };
  }
  function constant(): MqlValue {
    const tok = peek();
    if (tok.kind === 'string') return (i++, tok.text);
    if (tok.kind !== 'word') return fail('a value');
    i++;
    if (tok.text === 'datetime' && isPunct('(')) {
      i++;
      const s = peek().kind === 'string' || peek().kind === 'word' ? t[i++] : fail('a date and time');
      punct(')');
      return parseMqlDatetime(s.text, s.pos);
    }
    if (/^(true|false)$/i.test(tok.text)) return tok.text.toLowerCase() === 'true';
    return /^-?\d+(\.\d+)?$/.test(tok.text) ? Number(tok.text) : tok.text;
  }

  const q = query();
  if (peek().kind !== 'eof') fail('end of query');
  return q;
}
