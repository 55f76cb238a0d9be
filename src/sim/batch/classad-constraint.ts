import type { ClassAd, ClassAdValue } from '../../adapters/jobsub/parse/index.js';

// HTCondor ClassAd constraint expressions, the subset jobsub users and POMS write:
// literals (integers, reals, "strings", true/false/undefined), attribute names (case-insensitive,
// MY./TARGET. prefixes ignored), == != < <= > >= (undefined if a side is undefined; strings compare
// case-insensitively), =?= =!= (is / isnt: exact, never undefined), ! && || with three-valued
// logic, parentheses, and the functions regexp(pattern, target[, options]), isUndefined(x),
// isDefined(x), stringListMember(x, list). A job matches when the expression is exactly true.

type Value = string | number | boolean | null;
type Node =
  | { k: 'lit'; v: Value }
  | { k: 'attr'; name: string }
  | { k: 'not'; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node }
  | { k: 'call'; fn: string; args: Node[] };

export class ConstraintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstraintError';
  }
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|([A-Za-z_][\w.]*)|(=\?=|=!=|==|!=|<=|>=|&&|\|\||[<>!(),]))/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new ConstraintError(`Parse error in constraint at character ${at + 1}: ${text.slice(at)}`);
    out.push(m[0].trim());
  }
  return out;
}

export function parseConstraint(text: string): Node {
  const t = tokenize(text);
  let i = 0;
  const peek = () => t[i];
  const eat = (s: string) => (t[i] === s ? (i++, true) : false);
  const fail = (why: string): never => {
    throw new ConstraintError(`Parse error in constraint '${text}': ${why}`);
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let l = next();
    while (ops.includes(peek())) {
      const op = t[i++];
      l = { k: 'bin', op, l, r: next() };
    }
    return l;
  };
  const primary = (): Node => {
    const w = t[i++];
    if (w === undefined) return fail('unexpected end');
    if (w === '!') return { k: 'not', e: primary() };
    if (w === '(') {
      const e = or();
      if (!eat(')')) fail("expected ')'");
      return e;
    }
    if (/^\d/.test(w)) return { k: 'lit', v: Number(w) };
    if (w.startsWith('"')) return { k: 'lit', v: w.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^[A-Za-z_]/.test(w)) {
      const lower = w.toLowerCase();
      if (lower === 'true' || lower === 'false') return { k: 'lit', v: lower === 'true' };
      if (lower === 'undefined') return { k: 'lit', v: null };
      if (eat('(')) {
        const args: Node[] = [];
        if (!eat(')')) {
          do args.push(or());
          while (eat(','));
          if (!eat(')')) fail("expected ')'");
        }
        return { k: 'call', fn: lower, args };
      }
      return { k: 'attr', name: w.replace(/^(my|target)\./i, '').toLowerCase() };
    }
    return fail(`unexpected '${w}'`);
  };
  const cmp = binary(primary, ['==', '!=', '=?=', '=!=', '<', '<=', '>', '>=']);
  const and = binary(cmp, ['&&']);
  const or = binary(and, ['||']);
  const e = or();
  if (i < t.length) fail(`unexpected '${t[i]}'`);
  return e;
}

/** Whether the classad satisfies the constraint (parsed with parseConstraint). */
export function matchesConstraint(node: Node, ad: ClassAd): boolean {
  const lowered = new Map(Object.entries(ad).map(([k, v]) => [k.toLowerCase(), v]));
  return evaluate(node, lowered) === true;
}

function plain(v: ClassAdValue | undefined): Value {
  if (v === undefined || v === null) return null;
  return typeof v === 'object' ? v.expr : v;
}

function evaluate(n: Node, ad: Map<string, ClassAdValue>): Value {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'attr':
      return plain(ad.get(n.name));
    case 'not': {
      const v = evaluate(n.e, ad);
      return v === null ? null : !truthy(v);
    }
    case 'call':
      return call(
        n.fn,
        n.args.map((a) => evaluate(a, ad)),
      );
    case 'bin':
      return binop(n.op, evaluate(n.l, ad), () => evaluate(n.r, ad));
  }
}

const truthy = (v: Value) => v === true || (typeof v === 'number' && v !== 0);

function binop(op: string, l: Value, right: () => Value): Value {
  if (op === '&&') {
    if (l !== null && !truthy(l)) return false;
    const r = right();
    if (r !== null && !truthy(r)) return false;
    return l === null || r === null ? null : true;
  }
  if (op === '||') {
    if (l !== null && truthy(l)) return true;
    const r = right();
    if (r !== null && truthy(r)) return true;
    return l === null || r === null ? null : false;
  }
  const r = right();
  if (op === '=?=') return l === r;
  if (op === '=!=') return l !== r;
  if (l === null || r === null) return null;
  if (typeof l === 'string' && typeof r === 'string') {
    const [a, b] = [l.toLowerCase(), r.toLowerCase()];
    return compare(op, a < b ? -1 : a > b ? 1 : 0);
  }
  const [a, b] = [typeof l === 'boolean' ? Number(l) : l, typeof r === 'boolean' ? Number(r) : r];
  if (typeof a !== 'number' || typeof b !== 'number') return op === '!=' ? true : op === '==' ? false : null;
  return compare(op, a - b);
}

function compare(op: string, d: number): boolean {
  return op === '=='
    ? d === 0
    : op === '!='
      ? d !== 0
      : op === '<'
        ? d < 0
        : op === '<='
          ? d <= 0
          : op === '>'
            ? d > 0
            : d >= 0;
}

function call(fn: string, args: Value[]): Value {
  switch (fn) {
    case 'regexp': {
      const [pattern, target, opts] = args;
      if (typeof pattern !== 'string' || typeof target !== 'string') return null;
      return new RegExp(pattern, typeof opts === 'string' && opts.includes('i') ? 'i' : '').test(target);
    }
    case 'isundefined':
      return args[0] === null;
    case 'isdefined':
      return args[0] !== null;
    case 'stringlistmember': {
      const [x, list] = args;
      if (typeof x !== 'string' || typeof list !== 'string') return null;
      return list.split(/\s*,\s*/).some((s) => s.toLowerCase() === x.toLowerCase());
    }
    default:
      throw new ConstraintError(`Unknown function ${fn}()`);
  }
}
