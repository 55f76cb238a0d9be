import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/errors.js';
import {
  findSplitType,
  nextSplit,
  splitTypes,
  validateSplitSpec,
} from '../../../../src/domain/splits/index.js';
import { fakeContext, genCfgSam } from './fake-split-sam.js';

const messages = (spec: string, dataset?: string) =>
  validateSplitSpec(spec, { dataset }).map((p) => p.message);

describe('validateSplitSpec', () => {
  it.each([
    '',
    'None',
    'none',
    'NONE',
    'draining',
    'Draining',
    'draining()',
    'list',
    'list()',
    'mod(3)',
    'mod( 3 )',
    '  mod(3)\n',
    'MOD(3)',
    'mod(n=3)',
    'nfiles(50)',
    'limitn(2)',
    'drainingn(2)',
    'stagedfiles(2)',
    'byrun',
    'byrun()',
    'byrun(low=1,high=3)',
    'byrun( low=1, high=4 ) ',
    'byexistingruns',
    'byexistingruns() ',
    'new',
    'new()',
    'new_local',
    'new_local(window=1d)',
    'new(firsttime=1475280000,window=1d,lasttime=1475539200)',
    'new( firsttime=1475280000, window=1d, lasttime=1475539200 )',
    'new(window=6h,round=1h,fts=30m,localtime=1)',
    'multiparam()',
  ])('accepts %j', (spec) => {
    expect(validateSplitSpec(spec)).toEqual([]);
  });

  it.each([
    ['mod(x)', "mod(n): n must be a whole number ≥ 1, got 'x'"],
    ['mod(0)', "mod(n): n must be a whole number ≥ 1, got '0'"],
    ['nfiles(-2)', "nfiles(n): n must be a whole number ≥ 1, got '-2'"],
    ['drainingn(2.5)', "drainingn(n): n must be a whole number ≥ 1, got '2.5'"],
    ['mod()', 'mod(n): n is required, e.g. mod(3)'],
    ['mod', 'mod(n): n is required, e.g. mod(3)'],
    ['mod(3,4)', "mod(n) takes one parameter n, got 2: '3,4'"],
    ['mod(k=3)', "mod(n): unknown parameter 'k' (the only parameter is n)"],
    ['mod_3', "Split type 'mod_3' is not valid: write mod(3)"],
    ['nfiles_50', "Split type 'nfiles_50' is not valid: write nfiles(50)"],
    ['staged_files(2)', "Unknown split type 'staged_files': did you mean stagedfiles(n)?"],
    ['by_run(low=1)', "Unknown split type 'by_run': did you mean byrun(low=,high=)?"],
    [
      'mod(3',
      "Cannot read split type 'mod(3': expected a name or name(parameters), e.g. mod(3) or byrun(low=1,high=4)",
    ],
    [
      'mod(3)x',
      "Cannot read split type 'mod(3)x': expected a name or name(parameters), e.g. mod(3) or byrun(low=1,high=4)",
    ],
    ['mod(3,)', "Empty parameter in split type 'mod(3,)' (stray comma?)"],
    ['draining(3)', "draining takes no parameters, got '3'"],
    ['None(1)', "None takes no parameters, got '1'"],
    ['byrun(1,3)', "byrun: parameters are written key=value (low=, high=), got '1,3'"],
    ['byrun(lo=1)', "byrun: unknown parameter 'lo' (known: low=, high=)"],
    ['byrun(low=a)', "byrun: low must be a whole number ≥ 0, got 'a'"],
    ['byrun(low=5,high=3)', 'byrun: low (5) must not be greater than high (3)'],
    ['byrun(low=1,low=2)', "byrun: parameter 'low' is given twice"],
    [
      'new(window=abc)',
      "new: window must be a number of seconds or a number with suffix w, d, h, m or s (e.g. 3600, 6h, 1d), got 'abc'",
    ],
    ['new(round=0)', "new: round must be at least 1 second, got '0'"],
    ['new(window=30,round=1m)', 'new: window must be at least one round (60 s)'],
    ['new_local(localtime=maybe)', "new_local: localtime must be 0 or 1, got 'maybe'"],
    ['new(localtime=constructor)', "new: localtime must be 0 or 1, got 'constructor'"],
  ])('refuses %j: %s', (spec, message) => {
    expect(messages(spec)).toEqual([message]);
  });

  it('names unknown types and lists the known ones', () => {
    const [m] = messages('frobnicate(2)');
    expect(m).toMatch(/^Unknown split type 'frobnicate' \(known types: None, draining, list, mod\(n\),/);
  });

  it('reports every problem, not just the first', () => {
    expect(messages('byrun(low=a,high=b,x=1)')).toHaveLength(3);
  });

  it('checks the dataset field for the type when given', () => {
    expect(validateSplitSpec('multiparam()', { dataset: '[["a"],["b","c"]]' })).toEqual([]);
    expect(validateSplitSpec('multiparam()', { dataset: '[[1]]' })).toEqual([
      {
        field: 'dataset',
        message:
          'multiparam: the dataset field must be a JSON list of non-empty lists of strings, e.g. [["a","b"],["c","d"]]',
      },
    ]);
    expect(messages('multiparam()', 'a,b')[0]).toMatch(/^multiparam: .* it is not JSON/);
    expect(messages('list', ' , ')).toEqual([
      'list: the dataset field must hold comma-separated dataset names',
    ]);
  });

  it('puts the given field name in the details', () => {
    expect(validateSplitSpec('mod(x)', { field: 'test_split_type' })[0].field).toBe('test_split_type');
  });
});

describe('split type registry', () => {
  it('describes every type for the picker, and every example is valid', () => {
    const names = splitTypes.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of splitTypes) {
      expect(t.description.length).toBeGreaterThan(20);
      expect(t.dataset).not.toBe('');
      expect(t.cursor).not.toBe('');
      expect(validateSplitSpec(t.example)).toEqual([]);
    }
    expect(splitTypes.find((t) => t.name === 'byrun')!.params).toEqual([
      expect.objectContaining({ name: 'low', default: '1' }),
      expect.objectContaining({ name: 'high', default: '999999' }),
    ]);
    expect(findSplitType('new_local').params.find((p) => p.name === 'localtime')!.default).toBe('1');
  });

  it('refuses a bad spec at launch with a 400 AppError naming the field', async () => {
    const ctx = fakeContext(genCfgSam());
    const err = await nextSplit(
      { dataset: 'gen_cfg', spec: 'mod(x)', cursor: null, field: 'test_split_type' },
      ctx,
      {
        dryRun: false,
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).details).toEqual([
      { field: 'test_split_type', message: "mod(n): n must be a whole number ≥ 1, got 'x'" },
    ]);
    await expect(
      nextSplit({ dataset: 'gen_cfg', spec: 'mod_3', cursor: null }, ctx, { dryRun: false }),
    ).rejects.toThrow('write mod(3)');
  });

  it('refuses a spec of another type passed to a type directly', async () => {
    const ctx = fakeContext(genCfgSam());
    await expect(
      findSplitType('mod(3)').next({ dataset: 'gen_cfg', spec: 'nfiles(2)', cursor: null }, ctx, {
        dryRun: true,
      }),
    ).rejects.toThrow("Split type 'nfiles(2)' is not a mod(n) split");
  });
});
