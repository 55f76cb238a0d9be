import type { DimsCmpOp, DimsMatch, DimsNode } from './dims-ast.js';
import { DimsCursor, describe } from './dims-cursor.js';
import { parseDimsDate } from './parse-dims-date.js';

type QueryParser = (c: DimsCursor) => DimsNode;

const CMP_OPS = ['<', '<=', '>', '>=', '='];

/** One term: a parenthesised query, a lineage or definition operator, or a dimension. */
export function parseDimsTerm(c: DimsCursor, parseQuery: QueryParser): DimsNode {
  const t = c.peek();
  if (c.accept('lparen')) {
    const inner = parseQuery(c);
    c.expect('rparen', "')'");
    return inner;
  }
  if (t.kind !== 'word') return c.fail(`expected a dimension but found ${describe(t)}`);
  const name = t.text.toLowerCase();
  c.next();
  const pos = t.pos;
  switch (name) {
    case 'isparentof':
    case 'ischildof': {
      c.expect('colon', `':' after ${name}`);
      c.expect('lparen', `'(' after ${name}:`);
      const query = parseQuery(c);
      c.expect('rparen', "')'");
      return { kind: 'relative', relation: name, query, pos };
    }
    case 'defname':
      c.expect('colon', "':' after defname");
      return { kind: 'defname', name: c.value('a definition name').text, pos };
    case 'snapshot_id':
      c.accept('op', '=');
      return { kind: 'snapshot_id', ids: list(c, () => c.integer('a snapshot id')), pos };
    case 'snapshot_for_project_name':
    case 'project_name':
      c.accept('op', '=');
      return { kind: name, projects: list(c, () => c.value('a project name').text), pos };
    case 'consumed_status':
      return { kind: 'consumed_status', values: matches(c), pos };
    case 'file_name':
    case 'version':
    case 'data_tier':
      return { kind: 'field', field: name, values: matches(c), pos };
    case 'run_number':
      c.accept('op', '=');
      return { kind: 'run_number', runs: list(c, () => run(c)), pos };
    case 'create_date':
    case 'end_time':
      return date(c, name, pos);
    default:
      if (/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/.test(name))
        return { kind: 'param', key: name, values: matches(c), pos };
      return c.fail(`unknown dimension '${t.text}'`, t);
  }
}

function list<T>(c: DimsCursor, one: () => T): T[] {
  const out = [one()];
  while (c.accept('comma')) out.push(one());
  return out;
}

/** [like | =] V{,V}: LIKE when the keyword is given or the value contains `%`. */
function matches(c: DimsCursor): DimsMatch[] {
  const like = c.atKeyword('like') !== undefined;
  if (like) c.next();
  else c.accept('op', '=');
  return list(c, () => {
    const value = c.value('a value').text;
    return { value, like: like || value.includes('%') };
  });
}

/** R or R.SSSS (run.subrun). */
function run(c: DimsCursor): { run: number; subrun?: number } {
  const t = c.value('a run number');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(t.text);
  if (!m) return c.fail(`expected a run number (R or R.SSSS) but found ${describe(t)}`, t);
  return m[2] === undefined ? { run: Number(m[1]) } : { run: Number(m[1]), subrun: Number(m[2]) };
}

function date(c: DimsCursor, field: 'create_date' | 'end_time', pos: number): DimsNode {
  const opTok = c.accept('op');
  if (opTok && !CMP_OPS.includes(opTok.text)) c.fail(`unsupported operator '${opTok.text}'`, opTok);
  const t = c.value('a date');
  const value = parseDimsDate(t.text);
  if (!value) c.fail(`invalid date ${describe(t)}`, t);
  return { kind: 'date', field, op: (opTok?.text ?? '=') as DimsCmpOp, value, pos };
}
