import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDims, evaluateDims } from '../../../../../src/sim/sam/dims/index.js';
import { makeCatalogue, makeIndexedCatalogue } from './fixture-catalogue.js';

const cat = makeCatalogue();
const ids = (dims: string) => evaluateDims(dims, cat).map((f) => f.id);

const leaf = fc.constantFrom(
  'defname: demo_raw',
  'snapshot_id 501',
  'version v1',
  "file_name like 'reco_%'",
  'run_number 1000',
  'snapshot_for_project_name proj101',
  'project_name proj101 and consumed_status co%',
  'data_tier raw',
  'data_tier like re%',
  'file_name reco_1.root, raw_2.root',
  "file_name like 'raw\\_%'",
  'poms.submission_id 101',
  "poms.submission_id like '%'",
  "create_date <= '2025-04-02T00:00:00+0000'",
  "create_date = '2025-03-01'",
  'consumed_status co%',
  "create_date > '2025-04-01T10:22:03+0000'",
);

const { query } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(tie('query'), fc.constantFrom('and', 'or', 'minus', 'union'), tie('query'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(fc.constantFrom('isparentof', 'ischildof'), tie('query')).map(([rel, q]) => `${rel}:( ${q} )`),
    fc
      .tuple(
        tie('query'),
        fc.constantFrom('limit 2', 'stride 2 offset 1', 'availability physical', 'offset 1'),
      )
      .map(([q, m]) => `(${q} with ${m})`),
  ),
}));

describe('dims set algebra', () => {
  it('A minus A is empty', () => {
    fc.assert(fc.property(query, (a) => ids(`(${a}) minus (${a})`).length === 0));
  });

  it('A or B contains A and B; A and B is inside both', () => {
    fc.assert(
      fc.property(query, query, (a, b) => {
        const [sa, sb] = [new Set(ids(a)), new Set(ids(b))];
        const or = new Set(ids(`(${a}) or (${b})`));
        const and = ids(`(${a}) and (${b})`);
        expect([...sa, ...sb].every((id) => or.has(id))).toBe(true);
        expect(and.every((id) => sa.has(id) && sb.has(id))).toBe(true);
      }),
    );
  });

  it('results are ordered by file id without duplicates', () => {
    fc.assert(
      fc.property(query, (a) => {
        const r = ids(a);
        expect(r).toEqual([...new Set(r)].sort((x, y) => x - y));
      }),
    );
  });
});

describe('planned evaluation (indexes, cheapest clause first)', () => {
  const indexed = makeIndexedCatalogue();
  const names = (dims: string, c = indexed, plan = true) =>
    evaluateDims(dims, c, { plan }).map((f) => f.name);

  it('gives the same files as evaluating every clause as a whole set', () => {
    fc.assert(
      fc.property(query, (a) => {
        expect(names(a)).toEqual(names(a, cat, false));
        expect(names(a, cat)).toEqual(names(a, cat, false));
      }),
      { numRuns: 300 },
    );
  });

  it('counts what it lists', () => {
    fc.assert(
      fc.property(query, (a) => {
        expect(countDims(a, indexed)).toBe(evaluateDims(a, indexed).length);
      }),
      { numRuns: 100 },
    );
  });
});
