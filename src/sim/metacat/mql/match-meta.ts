import type { MqlMeta, MqlScalar, MqlValue } from './mql-ast.js';
import type { MqlFile } from './evaluate-mql.js';

// Metadata conditions (`where …`) on one file. Names with a dot are metadata keys; others are
// file attributes (name, namespace, creator, created_timestamp, size, fid). An array value needs
// `[any]`, `[all]` or an index, as in MetaCat.

const ATTRS: Record<string, (f: MqlFile) => unknown> = {
  name: (f) => f.name,
  namespace: (f) => f.namespace,
  creator: (f) => f.creator,
  created_timestamp: (f) => f.createdTimestamp,
  size: (f) => f.size,
  fid: (f) => f.fid,
  id: (f) => f.fid,
};

/** The values a scalar stands for, and whether all of them (not any) must match. */
function values(f: MqlFile, s: MqlScalar): { vs: unknown[]; all: boolean } {
  const raw = s.name.includes('.') ? f.metadata[s.name] : ATTRS[s.name]?.(f);
  if (raw === undefined) return { vs: [], all: false };
  if (s.index === undefined) return { vs: Array.isArray(raw) ? [] : [raw], all: false };
  if (!Array.isArray(raw)) return { vs: [], all: false };
  if (typeof s.index === 'number') return { vs: s.index < raw.length ? [raw[s.index]] : [], all: false };
  return { vs: raw, all: s.index === 'all' };
}

function compare(x: unknown, op: string, v: MqlValue): boolean {
  if (op.includes('~')) {
    const re = new RegExp(String(v), op.includes('*') ? 'i' : '');
    return re.test(String(x)) !== op.startsWith('!');
  }
  const a = typeof v === 'number' && typeof x === 'string' && x.trim() !== '' ? Number(x) : x;
  switch (op) {
    case '=':
      return a === v;
    case '!=':
      return a !== v;
    case '<':
      return (a as number) < (v as number);
    case '<=':
      return (a as number) <= (v as number);
    case '>':
      return (a as number) > (v as number);
    case '>=':
      return (a as number) >= (v as number);
  }
  return false;
}

function test(f: MqlFile, s: MqlScalar, one: (x: unknown) => boolean): boolean {
  const { vs, all } = values(f, s);
  return all ? vs.length > 0 && vs.every(one) : vs.some(one);
}

export function matchesMeta(f: MqlFile, e: MqlMeta): boolean {
  switch (e.k) {
    case 'or':
      return e.parts.some((p) => matchesMeta(f, p));
    case 'and':
      return e.parts.every((p) => matchesMeta(f, p));
    case 'not':
      return !matchesMeta(f, e.e);
    case 'cmp':
      return test(f, e.s, (x) => compare(x, e.op, e.v));
    case 'range':
      return test(f, e.s, (x) => compare(x, '>=', e.lo) && compare(x, '<=', e.hi)) !== e.neg;
    case 'set':
      return test(f, e.s, (x) => e.values.some((v) => compare(x, '=', v))) !== e.neg;
    case 'present':
      return (f.metadata[e.name] !== undefined) !== e.neg;
  }
}
