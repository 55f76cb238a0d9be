import { describe, expect, it } from 'vitest';
import {
  DimsDefinitionLoopError,
  DimsError,
  DimsSyntaxError,
  DimsUnknownDefinitionError,
  evaluateDims,
  parseDims,
} from '../../../../../src/sim/sam/dims/index.js';
import { makeCatalogue } from './fixture-catalogue.js';

const cat = makeCatalogue();
const ids = (dims: string) => evaluateDims(dims, cat).map((f) => f.id);

describe('dims semantics', () => {
  it('keywords and dimension names are case-insensitive, values are not', () => {
    expect(ids('DEFNAME: demo_raw AND Run_Number 1001 WITH LIMIT 1')).toEqual([4]);
    expect(ids('file_name RAW_1.root')).toEqual([]);
  });

  it('accepts bare, single- and double-quoted values', () => {
    expect(ids('file_name raw_1.root')).toEqual([1]);
    expect(ids("file_name 'raw_1.root'")).toEqual([1]);
    expect(ids('file_name "raw_1.root", "raw_2.root"')).toEqual([1, 2]);
    expect(ids('defname:"demo_raw" with limit 1')).toEqual([1]);
  });

  it('LIKE: % any run, _ one character, backslash escapes; without like or % it is equality', () => {
    expect(ids("file_name like 'raw__.root'")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids("file_name like 'raw\\_1.root'")).toEqual([1]);
    expect(ids('file_name raw__.root')).toEqual([]);
    expect(ids('version v%')).toEqual([11, 12, 14, 15, 16, 17, 21, 22]);
  });

  it('nested definitions are evaluated at query time', () => {
    expect(ids('defname: raw_first3')).toEqual([1, 2, 3]);
    const changed = makeCatalogue({ demo_raw: 'run_number 1001' });
    expect(evaluateDims('defname: raw_first3', changed).map((f) => f.id)).toEqual([4, 5, 6]);
  });

  it('retired files never match', () => {
    expect(ids("file_name like 'reco_retired%'")).toEqual([]);
    expect(ids('ischildof:( file_name raw_2.root )')).toEqual([12]);
  });

  it('run_number R matches any subrun, R.SSSS one subrun; lists allowed', () => {
    expect(ids('run_number 1000')).toEqual([1, 2, 3]);
    expect(ids('run_number 1000.0003, 1001.4')).toEqual([3, 4]);
  });

  it('dates: offsets, space form, date-only (= matches the whole UTC day)', () => {
    expect(ids("create_date = '2025-03-01'")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ids("end_time >= '2025-03-01 05:00:00'")).toEqual([5, 6]);
    expect(ids("end_time < '2025-03-01T03:00:00+01:00'")).toEqual([1]);
    expect(ids("end_time = '2025-03-01T06:00:00Z'")).toEqual([6]);
    expect(ids("end_time > '2025-03-01T00:00:00'")).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('data_tier and version', () => {
    expect(ids('data_tier reco and version v1')).toEqual([11, 12, 14]);
  });

  it('precedence: and > or > minus/union, left-associative', () => {
    expect(ids('snapshot_id 501 or snapshot_id 502 minus snapshot_id 501')).toEqual([4]);
    expect(ids('snapshot_id 502 minus snapshot_id 501 or snapshot_id 502')).toEqual([]);
    expect(ids('snapshot_id 501 minus snapshot_id 501 union snapshot_id 502')).toEqual([4]);
    expect(ids('snapshot_id 501 or snapshot_id 502 and run_number 1000')).toEqual([1, 2, 3]);
    expect(ids('defname:demo_raw intersect snapshot_id 502')).toEqual([4]);
  });

  it('with applies to the whole expression before it; parentheses scope it', () => {
    expect(ids('snapshot_id 502 or defname: demo_raw with limit 2')).toEqual([1, 2]);
    expect(ids('(defname: demo_raw with limit 2) or snapshot_id 502')).toEqual([1, 2, 4]);
  });

  it('modifiers apply in a fixed order whatever order they are written in', () => {
    expect(ids('defname:demo_raw with offset 1 limit 2')).toEqual([2, 3]);
    expect(ids('defname:demo_raw with limit 2 with offset 1')).toEqual([2, 3]);
    expect(ids('defname:demo_raw with limit 2 stride 2 offset 1')).toEqual([2, 4]);
  });

  it('availability: physical keeps located files; any other flag keeps all', () => {
    expect(ids('version v1 with availability physical')).toEqual([11, 12, 15, 17, 21]);
    expect(ids('version v1 with availability physical,virtual')).toEqual([11, 12, 14, 15, 17, 21, 22]);
    expect(ids('version v1 with availability default')).toEqual(ids('version v1'));
  });

  it('unknown snapshots and projects are empty sets', () => {
    expect(ids('snapshot_id 999 or snapshot_for_project_name nope or project_name nope')).toEqual([]);
  });

  it('a lone consumed_status spans every project, or fails without projectNames', () => {
    expect(ids('consumed_status co%')).toEqual([1, 2, 3, 4]);
    const { projectNames: _unused, ...bare } = makeCatalogue();
    expect(() => evaluateDims('consumed_status co%', bare)).toThrow(DimsError);
    expect(evaluateDims('project_name proj102 and consumed_status co%', bare).map((f) => f.id)).toEqual([3]);
  });
});

describe('dims errors', () => {
  it('unknown definition', () => {
    const err = catchErr(() => evaluateDims('defname: nowhere', cat));
    expect(err).toBeInstanceOf(DimsUnknownDefinitionError);
    expect(err).toMatchObject({ definitionName: 'nowhere', message: "Definition 'nowhere' not found" });
    expect(() => evaluateDims('defname: uses_missing', cat)).toThrow(DimsUnknownDefinitionError);
  });

  it('definition loops', () => {
    expect(catchErr(() => evaluateDims('defname: loop_a', cat))).toMatchObject({
      chain: ['loop_a', 'loop_b', 'loop_a'],
    });
    expect(() => evaluateDims('defname: self_loop', cat)).toThrow(DimsDefinitionLoopError);
  });

  it('a syntax error inside a stored definition names it', () => {
    const err = catchErr(() => evaluateDims('defname: broken', cat));
    expect(err).toBeInstanceOf(DimsSyntaxError);
    expect(err).toMatchObject({ definition: 'broken', position: 10 });
    expect(err.message).toBe(
      "in definition 'broken': Parse error at line 1, column 11: expected a value but found '('",
    );
  });

  it.each([
    ['', 0, 'empty dimensions'],
    ['defname:', 8, 'expected a definition name but found end of query'],
    ['(file_name x', 12, "expected ')' but found end of query"],
    ['file_name x )', 12, "unexpected ')'"],
    ['file_name x with', 16, 'expected limit, offset, stride or availability but found end of query'],
    ['file_name x with limit x', 23, "expected limit value (an integer >= 0) but found 'x'"],
    ['file_name x with stride 0', 24, "expected stride value (an integer >= 1) but found '0'"],
    ['file_name x with availability somewhere', 30, "unknown availability 'somewhere'"],
    ['colour red', 0, "unknown dimension 'colour'"],
    ["create_date > 'yesterday'", 14, "invalid date quoted value 'yesterday'"],
    ["create_date > '2025-02-30'", 14, "invalid date quoted value '2025-02-30'"],
    ['create_date != 2025-01-01', 12, "unsupported operator '!='"],
    ["file_name 'abc", 10, 'unterminated quoted value'],
    ['isparentof ( x )', 11, "expected ':' after isparentof but found '('"],
    ['ischildof: file_name x', 11, "expected '(' after ischildof: but found 'file_name'"],
    ['run_number 10a', 11, "expected a run number (R or R.SSSS) but found '10a'"],
    ['snapshot_id x', 12, "expected a snapshot id (an integer >= 0) but found 'x'"],
    ['file_name a and', 15, 'expected a dimension but found end of query'],
    ['file_name ! x', 10, "unexpected character '!'"],
  ])('%j fails at %i', (text, position, reason) => {
    const err = catchErr(() => parseDims(text));
    expect(err).toBeInstanceOf(DimsSyntaxError);
    expect(err).toMatchObject({ position, reason, line: 1, column: position + 1 });
  });

  it('reports line and column on multi-line text', () => {
    expect(catchErr(() => parseDims('file_name a\n  and ( x'))).toMatchObject({ line: 2, column: 9 });
  });
});

function catchErr(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
