import { describe, expect, it } from 'vitest';
import {
  batchedSubmissionsQuery,
  recentSubmissionsQuery,
  submissionCountsQuery,
  submissionProjectQuery,
} from '../../../../../src/adapters/lens/query/index.js';
import {
  graphqlErrorBody,
  GraphqlSyntaxError,
  parseGraphql,
  responseKey,
  type GraphqlField,
  type GraphqlValue,
} from '../../../../../src/sim/lens/graphql/index.js';

type Plain = { alias?: string; name: string; args?: Record<string, GraphqlValue>; sel?: Plain[] };
const plain = (f: GraphqlField): Plain => ({
  ...(f.alias ? { alias: f.alias } : {}),
  name: f.name,
  ...(Object.keys(f.args).length ? { args: f.args } : {}),
  ...(f.selections.length ? { sel: f.selections.map(plain) } : {}),
});
const parse = (src: string) => parseGraphql(src).selections.map(plain);
const leaves = (...names: string[]): Plain[] => names.map((name) => ({ name }));
const env = (...names: string[]): Plain[] => names.map((n) => ({ alias: n, name: 'env', args: { name: n } }));
const DD = env('POMS_DATA_DISPATCHER_PROJECT_ID', 'POMS_DATA_DISPATCHER_TASK_ID');
const COUNTS = leaves('done', 'running', 'idle', 'held', 'failed', 'completed', 'cancelled');

describe('parseGraphql on every document POMS sends', () => {
  it('query 1', () => {
    const w = { from: new Date('2025-04-01T10:22:03Z') };
    expect(parse(recentSubmissionsQuery('fermilab', w))).toEqual([
      {
        name: 'submissions',
        args: { group: 'fermilab', from: '2025-04-01T10:22:03', to: 'now' },
        sel: [...leaves('pomsTaskID', 'id'), ...DD],
      },
    ]);
  });

  it('query 2 by id and by pomsTaskID', () => {
    const sel = [...leaves('id', 'pomsTaskID'), ...env('POMS_ENV'), ...COUNTS];
    expect(parse(submissionCountsQuery({ jobId: '5001.0@s' }))).toEqual([
      { name: 'submission', args: { id: '5001.0@s' }, sel },
    ]);
    expect(parse(submissionCountsQuery({ taskId: 101 }))).toEqual([
      { name: 'submission', args: { pomsTaskID: 101 }, sel },
    ]);
  });

  it('query 3', () => {
    expect(parse(submissionProjectQuery({ jobId: '5001.0@s' }))).toEqual([
      {
        name: 'submission',
        args: { id: '5001.0@s' },
        sel: [...leaves('id'), ...env('SAM_PROJECT', 'SAM_PROJECT_NAME'), ...leaves('args')],
      },
    ]);
  });

  it('query 5 (batched, aliased)', () => {
    const { document } = batchedSubmissionsQuery([{ jobId: '5001.0@s' }, { taskId: 123 }]);
    const sel = [
      ...leaves('pomsTaskID', 'id', 'done', 'error'),
      ...COUNTS.slice(1),
      ...leaves('args'),
      ...env('POMS_ENV'),
      ...DD,
    ];
    expect(parse(document)).toEqual([
      { alias: 'j0', name: 'submission', args: { id: '5001.0@s' }, sel },
      { alias: 's0', name: 'submission', args: { pomsTaskID: 123 }, sel },
    ]);
  });

  it('round-trips escaped string arguments', () => {
    const id = 'a"b\\c\nd\te\u0001é';
    expect(parse(submissionCountsQuery({ jobId: id }))[0].args).toEqual({ id });
  });
});

describe('parseGraphql syntax', () => {
  it('named queries, commas, comments, CRLF, literals and locations', () => {
    const doc = parseGraphql(
      '# comment\r\nquery Poll {\r\n  a: job(id: "x", n: -3, f: 1.5e2, b: false, z: null, e: DONE),\n  b\n}',
    );
    expect(doc.name).toBe('Poll');
    expect(doc.selections.map(plain)).toEqual([
      { alias: 'a', name: 'job', args: { id: 'x', n: -3, f: 150, b: false, z: null, e: { enum: 'DONE' } } },
      { name: 'b' },
    ]);
    expect(doc.selections.map((f) => [responseKey(f), f.loc])).toEqual([
      ['a', { line: 3, column: 3 }],
      ['b', { line: 4, column: 3 }],
    ]);
    expect(parseGraphql('query { x }').name).toBeUndefined();
    expect(parse('{ x(s: "\\u0041\\/") }')[0].args).toEqual({ s: 'A/' });
  });

  it.each([
    ['{ }', 'Syntax Error: Expected Name, found "}".', 1, 3],
    ['{ a', 'Syntax Error: Expected Name, found <EOF>.', 1, 4],
    ['{ a(x: ) }', 'Syntax Error: Unexpected ")".', 1, 8],
    ['{ a(x 1) }', 'Syntax Error: Expected ":", found Int "1".', 1, 7],
    ['{ a(x: "open) }', 'Syntax Error: Unterminated string.', 1, 8],
    ['{ a(x: "\\q") }', 'Syntax Error: Invalid character escape sequence: "\\q".', 1, 9],
    ['{ a(x: 1, x: 2) }', 'Syntax Error: There can be only one argument named "x".', 1, 11],
    ['{ a(x: $v) }', 'Syntax Error: Variables are not supported.', 1, 8],
    ['query Q($v: Int) { a }', 'Syntax Error: Variables are not supported.', 1, 8],
    ['{ a(x: [1]) }', 'Syntax Error: List and object values are not supported.', 1, 8],
    ['{ a @skip(if: true) }', 'Syntax Error: Directives are not supported.', 1, 5],
    ['{ ...F }', 'Syntax Error: Fragments are not supported.', 1, 3],
    ['mutation { a }', 'Syntax Error: Only query operations are supported, found "mutation".', 1, 1],
    ['{ a } { b }', 'Syntax Error: Only one operation is supported.', 1, 7],
    ['{ a }\n  }', 'Syntax Error: Unexpected "}".', 2, 3],
    ['{ a(x: 12ab) }', 'Syntax Error: Invalid number: "12".', 1, 8],
    ['{ a % }', 'Syntax Error: Unexpected character: "%".', 1, 5],
    ['', 'Syntax Error: Unexpected <EOF>.', 1, 1],
  ])('%j', (src, message, line, column) => {
    let err: unknown;
    try {
      parseGraphql(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GraphqlSyntaxError);
    expect(graphqlErrorBody(err as GraphqlSyntaxError)).toEqual({
      errors: [{ message, locations: [{ line, column }] }],
    });
  });
});
