import { describe, expect, it } from 'vitest';
import { nextSplit } from '../../../../src/domain/splits/index.js';
import { fakeContext, genCfgSam } from './fake-split-sam.js';
import { cursors, datasets, drive } from './drive.js';

// Split types whose cursor is an index, plus the ones that keep no cursor (inventory §4 and §12).

describe('None / draining', () => {
  it.each(['None', '', 'none', '  '])(
    '%j launches the dataset unchanged and keeps the cursor',
    async (spec) => {
      const sam = genCfgSam();
      const steps = await drive(fakeContext(sam), spec, 'gen_cfg', 3, 7);
      expect(datasets(steps)).toEqual(['gen_cfg', 'gen_cfg', 'gen_cfg']);
      expect(cursors(steps)).toEqual([7, 7, 7]);
      expect(sam.writes).toEqual([]);
    },
  );

  it('draining launches the same dataset 5 times, never exhausted', async () => {
    const sam = genCfgSam();
    const steps = await drive(fakeContext(sam), 'draining', 'gen_cfg', 5);
    expect(datasets(steps)).toEqual(Array(5).fill('gen_cfg'));
    expect(cursors(steps)).toEqual(Array(5).fill(null));
    expect(sam.writes).toEqual([]);
  });
});

describe('list', () => {
  it('launches each name then is exhausted (cursor 1, 2, 3)', async () => {
    const steps = await drive(fakeContext(genCfgSam()), 'list()', 'a,b,gen_cfg', 4);
    expect(datasets(steps)).toEqual(['a', 'b', 'gen_cfg', 'EXHAUSTED']);
    expect(cursors(steps)).toEqual([1, 2, 3, 3]);
    expect(steps[3].result).toEqual({ kind: 'exhausted', reason: 'list: all 3 datasets have been launched' });
  });

  it('accepts the bare spelling', async () => {
    const ds = 'gen_cfg_slice0_of_3,gen_cfg_slice1_of_3,gen_cfg_slice2_of_3';
    expect(datasets(await drive(fakeContext(genCfgSam()), 'list', ds, 4))).toEqual([
      'gen_cfg_slice0_of_3',
      'gen_cfg_slice1_of_3',
      'gen_cfg_slice2_of_3',
      'EXHAUSTED',
    ]);
  });

  it('trims blanks around names and skips empty items (the original kept leading blanks)', async () => {
    const ds = 'gen_cfg_slice0_of_3, gen_cfg_slice1_of_3,\n gen_cfg_slice2_of_3,';
    expect(datasets(await drive(fakeContext(genCfgSam()), 'list', ds, 4))).toEqual([
      'gen_cfg_slice0_of_3',
      'gen_cfg_slice1_of_3',
      'gen_cfg_slice2_of_3',
      'EXHAUSTED',
    ]);
  });
});

describe('multiparam', () => {
  it('yields the 8 combinations, first list fastest, then is exhausted', async () => {
    const steps = await drive(fakeContext(genCfgSam()), 'multiparam()', '[["a","b"],["c","d"],["e","f"]]', 9);
    expect(datasets(steps)).toEqual([
      'a_c_e',
      'b_c_e',
      'a_d_e',
      'b_d_e',
      'a_c_f',
      'b_c_f',
      'a_d_f',
      'b_d_f',
      'EXHAUSTED',
    ]);
    expect(cursors(steps)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8]);
  });

  it('refuses a dataset that is not a list of lists of strings, naming the dataset field', async () => {
    const err = await nextSplit(
      { dataset: '["a"]', spec: 'multiparam()', cursor: null },
      fakeContext(genCfgSam()),
      {
        dryRun: false,
      },
    ).catch((e: { details: unknown }) => e.details);
    expect(err).toEqual([
      { field: 'dataset', message: expect.stringMatching(/^multiparam: the dataset field must be/) },
    ]);
  });
});

describe('mod', () => {
  it.each(['mod(3)', 'mod( 3 )', 'mod(n=3)'])(
    '%s: three stride slices, then exhausted with the cursor at 3',
    async (spec) => {
      const sam = genCfgSam();
      const steps = await drive(fakeContext(sam), spec, 'gen_cfg', 4);
      expect(steps.map((s) => s.result)).toEqual([
        {
          kind: 'dataset',
          dataset: 'gen_cfg_slice0_of_3',
          cursor: 1,
          definitions: [{ name: 'gen_cfg_slice0_of_3', dims: 'defname: gen_cfg with stride 3 offset 0' }],
        },
        {
          kind: 'dataset',
          dataset: 'gen_cfg_slice1_of_3',
          cursor: 2,
          definitions: [{ name: 'gen_cfg_slice1_of_3', dims: 'defname: gen_cfg with stride 3 offset 1' }],
        },
        {
          kind: 'dataset',
          dataset: 'gen_cfg_slice2_of_3',
          cursor: 3,
          definitions: [{ name: 'gen_cfg_slice2_of_3', dims: 'defname: gen_cfg with stride 3 offset 2' }],
        },
        { kind: 'exhausted', reason: 'mod(3): all 3 slices have been launched' },
      ]);
      expect(cursors(steps)[3]).toBe(3);
      expect(sam.evaluate('defname: gen_cfg_slice0_of_3')).toEqual(['gen_cfg_f1.root', 'gen_cfg_f4.root']);
      expect(sam.evaluate('defname: gen_cfg_slice2_of_3')).toEqual(['gen_cfg_f3.root']);
      expect(sam.writes.map((w) => w.op)).toEqual([
        'createDefinition',
        'createDefinition',
        'createDefinition',
      ]);
    },
  );
});

describe('nfiles', () => {
  it('nfiles(2): slices of 2, 2 and 1 files at offsets 0, 2, 4, then exhausted', async () => {
    const sam = genCfgSam();
    const steps = await drive(fakeContext(sam), 'nfiles(2)', 'gen_cfg', 4);
    expect(datasets(steps)).toEqual([
      'gen_cfg_slice0_files2',
      'gen_cfg_slice1_files2',
      'gen_cfg_slice2_files2',
      'EXHAUSTED',
    ]);
    expect(cursors(steps)).toEqual([1, 2, 3, 3]);
    expect([...sam.definitions]).toEqual([
      ['gen_cfg_slice0_files2', 'defname: gen_cfg with limit 2 offset 0'],
      ['gen_cfg_slice1_files2', 'defname: gen_cfg with limit 2 offset 2'],
      ['gen_cfg_slice2_files2', 'defname: gen_cfg with limit 2 offset 4'],
    ]);
    expect([0, 1, 2].map((k) => sam.evaluate(`defname: gen_cfg_slice${k}_files2`).length)).toEqual([2, 2, 1]);
    expect(steps[3].result).toEqual({
      kind: 'exhausted',
      reason: 'nfiles(2): no files left at offset 6 of gen_cfg',
    });
  });
});

describe('limitn', () => {
  it('limitn(2): every launch a new uuid definition with the same first 2 files, cursor untouched', async () => {
    const sam = genCfgSam();
    const steps = await drive(fakeContext(sam), 'limitn(2)', 'gen_cfg', 5);
    expect(datasets(steps)).toEqual([1, 2, 3, 4, 5].map((i) => `gen_cfg_uuid${i}_limit2`));
    expect(cursors(steps)).toEqual(Array(5).fill(null));
    for (const d of datasets(steps)) {
      expect(sam.definitions.get(d)).toBe('defname: gen_cfg with limit 2');
      expect(sam.evaluate(`defname: ${d}`)).toEqual(['gen_cfg_f1.root', 'gen_cfg_f2.root']);
    }
  });

  it('is exhausted only when the dataset is empty', async () => {
    const sam = genCfgSam();
    sam.datasets.set('empty', []);
    const steps = await drive(fakeContext(sam), 'limitn(2)', 'empty', 1);
    expect(steps[0].result).toEqual({ kind: 'exhausted', reason: 'limitn(2): empty has no files' });
    expect(sam.writes).toEqual([]);
  });
});

describe('test launches', () => {
  it('use the spec and cursor they are given, independent of the production ones', async () => {
    const ctx = fakeContext(genCfgSam());
    const production = await nextSplit({ dataset: 'gen_cfg', spec: 'mod(3)', cursor: 2 }, ctx, {
      dryRun: false,
    });
    const test = await nextSplit(
      { dataset: 'gen_cfg', spec: 'nfiles(2)', cursor: null, field: 'test_split_type' },
      ctx,
      {
        dryRun: false,
      },
    );
    expect(production).toMatchObject({ dataset: 'gen_cfg_slice2_of_3', cursor: 3 });
    expect(test).toMatchObject({ dataset: 'gen_cfg_slice0_files2', cursor: 1 });
  });
});
