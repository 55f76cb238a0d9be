import { describe, expect, it } from 'vitest';
import { nextSplit, type SplitCursor } from '../../../../src/domain/splits/index.js';
import { fakeContext, genCfgSam } from './fake-split-sam.js';
import { drive } from './drive.js';

// "Show launch command" previews: a dry run reads SAM but writes nothing, and shows what a real
// launch from the same state would launch.

const cases: Array<{ spec: string; dataset: string; warmup: number; snapshotCursor?: boolean }> = [
  { spec: 'None', dataset: 'gen_cfg', warmup: 0 },
  { spec: 'draining', dataset: 'gen_cfg', warmup: 1 },
  { spec: 'list', dataset: 'a,b,c', warmup: 1 },
  { spec: 'multiparam()', dataset: '[["a","b"],["c"]]', warmup: 1 },
  { spec: 'mod(3)', dataset: 'gen_cfg', warmup: 1 },
  { spec: 'nfiles(2)', dataset: 'gen_cfg', warmup: 1 },
  { spec: 'limitn(2)', dataset: 'gen_cfg', warmup: 1 },
  { spec: 'byrun(low=1,high=3)', dataset: 'gen_cfg', warmup: 1 },
  { spec: 'new(firsttime=1475280000,window=1d,lasttime=1475539200)', dataset: 'gen_cfg', warmup: 1 },
  { spec: 'new_local', dataset: 'gen_cfg', warmup: 0 },
  { spec: 'drainingn(2)', dataset: 'gen_cfg', warmup: 1, snapshotCursor: true },
  { spec: 'byexistingruns()', dataset: 'gen_cfg', warmup: 1, snapshotCursor: true },
  { spec: 'stagedfiles(2)', dataset: 'proj', warmup: 1, snapshotCursor: true },
];

function world() {
  const sam = genCfgSam();
  const files = sam.evaluate('defname: gen_cfg');
  sam.projects.set('proj', { files, consumed: files.slice(0, 4) });
  return sam;
}

describe('dry run', () => {
  it.each(cases)(
    '$spec writes nothing and previews the real launch',
    async ({ spec, dataset, warmup, snapshotCursor }) => {
      // bring two identical worlds to the same cursor
      const [drySam, wetSam] = [world(), world()];
      let cursor: SplitCursor = null;
      for (const sam of [drySam, wetSam]) {
        const steps = await drive(fakeContext(sam), spec, dataset, warmup);
        cursor = steps.at(-1)?.cursor ?? null;
      }
      const before = {
        writes: drySam.writes.length,
        defs: [...drySam.definitions],
        snaps: drySam.snapshots.size,
      };

      const dry = await nextSplit({ dataset, spec, cursor }, fakeContext(drySam), { dryRun: true });
      const wet = await nextSplit({ dataset, spec, cursor }, fakeContext(wetSam), { dryRun: false });

      expect(drySam.writes.length).toBe(before.writes);
      expect([...drySam.definitions]).toEqual(before.defs);
      expect(drySam.snapshots.size).toBe(before.snaps);
      expect(dry.kind).toBe('dataset');
      if (dry.kind !== 'dataset' || wet.kind !== 'dataset') return;
      expect(dry.dataset).toBe(wet.dataset);
      expect(dry.definitions).toEqual(wet.definitions.slice(0, dry.definitions.length));
      expect(dry.definitions.length).toBe(snapshotCursor ? 1 : wet.definitions.length);
      expect(dry.cursor).toBe(snapshotCursor ? cursor : wet.cursor);
      // the previewed definition selects what the real one selects
      for (const d of dry.definitions)
        expect(wetSam.evaluate(d.dims)).toEqual(wetSam.evaluate(`defname: ${d.name}`));
    },
  );

  it('reports exhaustion without writing', async () => {
    const sam = genCfgSam();
    const r = await nextSplit({ dataset: 'gen_cfg', spec: 'nfiles(2)', cursor: 3 }, fakeContext(sam), {
      dryRun: true,
    });
    expect(r.kind).toBe('exhausted');
    expect(sam.writes).toEqual([]);
  });
});
