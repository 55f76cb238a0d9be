import { invalid } from '../../lib/errors.js';

// poms_client users send some values as Python literals (the original read them with
// ast.literal_eval): `[('-Oa=', 'b')]`, `{'-Oa=': 'b'}`, `['camp', 'stage']`. This reads JSON and
// that Python subset (lists, tuples, dicts, quoted strings, numbers, None/True/False); nothing is
// evaluated.

type Value = null | boolean | number | string | Value[] | { [k: string]: Value };

const TOKEN =
  /\s*(?:([[\](){},:])|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_]+))/y;

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c as 'n'] ?? c);
}

export function parsePythonLiteral(text: string, field: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    /* not JSON: try the Python subset */
  }
  const fail = (why: string) =>
    invalid(`${field}: ${why}`, [{ field, message: 'expected a JSON or Python list of pairs (or a dict)' }]);
  let pos = 0;
  const next = (): string => {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw fail(`cannot read "${text.slice(pos, pos + 20)}"`);
    pos = TOKEN.lastIndex;
    return m[0].trim();
  };
  const peek = (): string => {
    const at = pos;
    const t = next();
    pos = at;
    return t;
  };
  const value = (): Value => {
    const t = next();
    if (t === '[' || t === '(') return sequence(t === '[' ? ']' : ')');
    if (t === '{') return dict();
    if (t.startsWith("'") || t.startsWith('"')) return unquote(t);
    if (/^-?\d/.test(t)) return Number(t);
    const words: Record<string, Value> = {
      None: null,
      True: true,
      False: false,
      null: null,
      true: true,
      false: false,
    };
    if (t in words) return words[t];
    throw fail(`unexpected "${t}"`);
  };
  const sequence = (close: string): Value[] => {
    const out: Value[] = [];
    while (peek() !== close) {
      out.push(value());
      if (peek() === ',') next();
      else if (peek() !== close) throw fail(`expected , or ${close}`);
    }
    next();
    return out;
  };
  const dict = (): Value => {
    const out: Record<string, Value> = {};
    while (peek() !== '}') {
      const k = value();
      if (next() !== ':') throw fail('expected :');
      out[String(k)] = value();
      if (peek() === ',') next();
    }
    next();
    return out;
  };
  const v = value();
  if (text.slice(pos).trim() !== '') throw fail('unexpected text after the value');
  return v;
}

/** Ordered [key, value] pairs from a list of pairs or a dict (as OrderedDict() accepted them). */
export function literalPairs(text: string, field: string): Array<[string, string]> {
  const v = parsePythonLiteral(text, field);
  const entries = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.entries(v) : null;
  if (!entries)
    throw invalid(`${field} must be a list of [key, value] pairs or a dict`, [
      { field, message: 'not pairs' },
    ]);
  return entries.map((e) => {
    if (!Array.isArray(e) || e.length !== 2)
      throw invalid(`${field}: each entry must be a [key, value] pair`, [
        { field, message: JSON.stringify(e) },
      ]);
    return [String(e[0]), e[1] === null ? '' : String(e[1])];
  });
}
