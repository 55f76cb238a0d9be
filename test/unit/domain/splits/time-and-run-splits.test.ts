import { describe, expect, it } from 'vitest';
import { nextSplit } from '../../../../src/domain/splits/index.js';
import { fakeContext, genCfgSam } from './fake-split-sam.js';
import { cursors, datasets, drive } from './drive.js';

describe('byrun', () => {
  it('byrun(low=1,high=3): runs 1, 2 and 3 (high included), then exhausted', async () => {
    const sam = genCfgSam();
    const steps = await drive(fakeContext(sam), 'byrun(low=1,high=3)', 'gen_cfg', 4);
    expect(datasets(steps)).toEqual([
      'gen_cfg_uuid1_run_1',
      'gen_cfg_uuid2_run_2',
      'gen_cfg_uuid3_run_3',
      'EXHAUSTED',
    ]);
    expect(cursors(steps)).toEqual([2, 3, 4, 4]);
    expect([...sam.definitions.values()]).toEqual([
      'defname: gen_cfg and run_number 1',
      'defname: gen_cfg and run_number 2',
      'defname: gen_cfg and run_number 3',
    ]);
    expect(
      datasets(steps)
        .slice(0, 3)
        .map((d) => sam.evaluate(`defname: ${d}`).length),
    ).toEqual([2, 2, 1]);
    expect(steps[3].result).toEqual({
      kind: 'exhausted',
      reason: 'byrun(low=1,high=3): runs 1 to 3 have all been launched',
    });
  });

  it.each(['byrun(low=1,high=4)', 'byrun( low=1, high=4 ) '])(
    '%j: runs 1 to 4, exhausted at the 5th',
    async (spec) => {
      const steps = await drive(fakeContext(genCfgSam()), spec, 'gen_cfg', 5);
      expect(datasets(steps).map((d) => d.replace(/^gen_cfg_uuid\d+_/, ''))).toEqual([
        'run_1',
        'run_2',
        'run_3',
        'run_4',
        'EXHAUSTED',
      ]);
    },
  );

  it('starts at low when the cursor is unset or below low (a reset or migrated 0)', async () => {
    const ctx = fakeContext(genCfgSam());
    for (const cursor of [null, 0, 3]) {
      const r = await nextSplit({ dataset: 'gen_cfg', spec: 'byrun(low=5,high=6)', cursor }, ctx, {
        dryRun: true,
      });
      expect(r).toMatchObject({ cursor: 6, definitions: [{ dims: 'defname: gen_cfg and run_number 5' }] });
    }
    const bare = await nextSplit({ dataset: 'gen_cfg', spec: 'byrun', cursor: null }, ctx, { dryRun: true });
    expect(bare).toMatchObject({ cursor: 2 });
  });
});

describe('new / new_local', () => {
  const example = 'new(firsttime=1475280000,window=1d,lasttime=1475539200)';

  it.each([example, 'new( firsttime=1475280000, window=1d, lasttime=1475539200 )'])(
    '%s: day windows 10-01..10-02, 10-02..10-03, then exhausted',
    async (spec) => {
      const sam = genCfgSam();
      const steps = await drive(fakeContext(sam), spec, 'gen_cfg', 3);
      expect(cursors(steps)).toEqual([1475366400, 1475452800, 1475452800]);
      expect(steps[0].result).toEqual({
        kind: 'dataset',
        dataset: 'gen_cfg_uuid1_time_1475280000__1475366400',
        cursor: 1475366400,
        definitions: [
          {
            name: 'gen_cfg_uuid1_time_1475280000__1475366400',
            dims: "defname: gen_cfg and end_time > '2016-10-01T00:00:00' and end_time <= '2016-10-02T00:00:00'",
          },
        ],
      });
      expect(steps[1].result).toMatchObject({
        dataset: 'gen_cfg_uuid2_time_1475366400__1475452800',
        definitions: [
          {
            dims: "defname: gen_cfg and end_time > '2016-10-02T00:00:00' and end_time <= '2016-10-03T00:00:00'",
          },
        ],
      });
      // 1475452800 > 1475539200 − 1800 − 86400 = 1475451000
      expect(steps[2].result).toEqual({
        kind: 'exhausted',
        reason:
          'new: the next window starts at 2016-10-03T00:00:00Z, after the last complete window start 2016-10-02T23:30:00Z',
      });
      expect(sam.evaluate(`defname: ${datasets(steps)[0]}`)).toEqual(['gen_cfg_f1.root']);
      expect(sam.evaluate(`defname: ${datasets(steps)[1]}`)).toEqual(['gen_cfg_f2.root']);
    },
  );

  it('defaults: one week window ending fts before now, then exhausted until time passes', async () => {
    const now = new Date('2016-10-10T00:00:00Z'); // 1476057600
    const ctx = fakeContext(genCfgSam(), now);
    const steps = await drive(ctx, 'new', 'gen_cfg', 2);
    const start = 1476057600 - 1800 - 604800;
    expect(steps[0].result).toMatchObject({ cursor: start + 604800 });
    expect(datasets(steps)).toEqual([`gen_cfg_uuid1_time_${start}__${start + 604800}`, 'EXHAUSTED']);
    const later = { ...ctx, now: () => new Date(now.getTime() + 604800_000) };
    expect((await drive(later, 'new', 'gen_cfg', 1, steps[0].cursor))[0].result).toMatchObject({
      cursor: start + 2 * 604800,
    });
  });

  it('rounds the window and the bound down to a multiple of round', async () => {
    const ctx = fakeContext(genCfgSam(), new Date('2016-10-10T00:20:00Z'));
    const r = await nextSplit(
      { dataset: 'gen_cfg', spec: 'new(window=90m,round=1h,fts=0)', cursor: null },
      ctx,
      {
        dryRun: true,
      },
    );
    // window 90m → 1h; bound = 00:20 − 1h = 23:20 → 23:00
    expect(r).toMatchObject({
      definitions: [
        {
          dims: "defname: gen_cfg and end_time > '2016-10-09T23:00:00' and end_time <= '2016-10-10T00:00:00'",
        },
      ],
    });
  });

  it.each([
    'new_local(firsttime=1475280000,window=1d,lasttime=1475539200)',
    `${example.slice(0, -1)},localtime=1)`,
  ])('%s writes window bounds in the local zone', async (spec) => {
    const ctx = { ...fakeContext(genCfgSam()), timeZone: 'America/Chicago' };
    const r = await nextSplit({ dataset: 'gen_cfg', spec, cursor: null }, ctx, { dryRun: true });
    expect(r).toMatchObject({
      cursor: 1475366400,
      definitions: [
        {
          dims: "defname: gen_cfg and end_time > '2016-09-30T19:00:00' and end_time <= '2016-10-01T19:00:00'",
        },
      ],
    });
  });

  it('accepts bare new_local with the defaults', async () => {
    const ctx = { ...fakeContext(genCfgSam()), timeZone: 'UTC' };
    const r = await nextSplit({ dataset: 'gen_cfg', spec: 'new_local', cursor: null }, ctx, { dryRun: true });
    expect(r).toMatchObject({ kind: 'dataset', cursor: 1476057600 - 1800 });
  });
});
