import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataDispatcherClient } from '../../../src/adapters/data-dispatcher/index.js';
import type { MetacatClient } from '../../../src/adapters/metacat/index.js';
import { mqlSplitDialect } from '../../../src/domain/files/mql/split-mql.js';
import { nextSplit, type SplitContext, type SplitCursor } from '../../../src/domain/splits/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { splitMetacatFor } from '../../../src/services/fife/split-metacat-for.js';
import { rucioEraClients } from '../../helpers/rucio-era-clients.js';
import { startTestSimulator } from '../adapters/sim-fixture.js';

// Every split type on a MetaCat experiment, end to end: the split's MQL goes over HTTP through the
// real MetacatClient to the simulator's MQL engine, which evaluates it on the demo catalogue
// (samdev:demo_raw = 40 raw files of run 1000 ending 10 minutes apart; samdev:demo_gen_cfg = 5
// files of runs 1,1,2,2,3). What each launch would run on is counted back through MetaCat.

describe('split types as MQL on the simulator', () => {
  let sim: RunningSimulator;
  let mc: MetacatClient;
  let dd: DataDispatcherClient;
  let ctx: SplitContext;
  let n = 0;
  /** The cursor the last `drive` left. */
  let lastCursor: SplitCursor = null;
  beforeAll(async () => {
    sim = await startTestSimulator();
    ({ mc, dd } = rucioEraClients(sim));
    ctx = {
      sam: splitMetacatFor(mc, () => new Date(sim.world.now()), dd)('samdev'),
      dialect: mqlSplitDialect('samdev'),
      newId: () => `u${++n}`,
      now: () => new Date(sim.world.now()),
    };
  });
  afterAll(() => sim?.stop());

  /** Launches until exhausted (at most `max`), returning each launch's named query and its file names. */
  async function drive(spec: string, dataset: string, max = 10, cursor: SplitCursor = null) {
    const out: Array<{ dataset: string; files: string[] }> = [];
    for (let i = 0; i < max; i++) {
      const r = await nextSplit({ dataset, spec, cursor }, ctx, { dryRun: false });
      if (r.kind === 'exhausted') break;
      cursor = r.cursor;
      const files = r.definitions.length
        ? (await mc.query(`files selected by ${r.dataset}`)).map((f) => f.name)
        : [];
      out.push({ dataset: r.dataset, files });
    }
    lastCursor = cursor;
    return out;
  }

  const all = (runs: Array<{ files: string[] }>) => runs.flatMap((r) => r.files);
  const raw = (i: number) => `raw_run1000_${String(i).padStart(4, '0')}.root`;

  it('nfiles: 10 files a launch in file order, then exhausted', async () => {
    const runs = await drive('nfiles(10)', 'samdev:demo_raw');
    expect(runs.map((r) => r.files.length)).toEqual([10, 10, 10, 10]);
    expect(all(runs)).toEqual(Array.from({ length: 40 }, (_, k) => raw(k + 1)));
  });

  it('limitn: the first n files, every time', async () => {
    const runs = await drive('limitn(3)', 'samdev:demo_raw', 2);
    expect(runs.map((r) => r.files)).toEqual([
      [raw(1), raw(2), raw(3)],
      [raw(1), raw(2), raw(3)],
    ]);
  });

  it('mod: four disjoint slices covering the dataset', async () => {
    const runs = await drive('mod(4)', 'samdev:demo_raw');
    expect(runs.map((r) => r.files.length)).toEqual([10, 10, 10, 10]);
    expect(new Set(all(runs)).size).toBe(40);
    expect(runs[1].files[0]).toBe(raw(2));
  });

  it('drainingn: never the same file twice, through frozen snapshot datasets', async () => {
    const runs = await drive('drainingn(15)', 'samdev:demo_raw');
    expect(runs.map((r) => r.files.length)).toEqual([15, 15, 10]);
    expect(new Set(all(runs)).size).toBe(40);
  });

  it('byrun: one launch per run', async () => {
    const runs = await drive('byrun(low=1,high=3)', 'samdev:demo_gen_cfg');
    expect(runs.map((r) => r.files.length)).toEqual([2, 2, 1]);
  });

  it('byexistingruns: one launch per run.subrun present, until none is left', async () => {
    const runs = await drive('byexistingruns', 'samdev:demo_gen_cfg');
    expect(runs.map((r) => r.dataset.replace(/^.*_run_/, ''))).toEqual([
      '1.0001',
      '1.0002',
      '2.0003',
      '2.0004',
      '3.0005',
    ]);
    expect(runs.every((r) => r.files.length === 1)).toBe(true);
  });

  it('new and new_local: end-time windows', async () => {
    const t0 = Date.parse('2025-01-10T00:00:00Z') / 1000;
    for (const spec of [
      `new(window=1h,firsttime=${t0},lasttime=${t0 + 5 * 3600})`,
      `new_local(window=1h,firsttime=${t0},lasttime=${t0 + 5 * 3600})`,
    ]) {
      const runs = await drive(spec, 'samdev:demo_raw');
      expect(runs[0].files).toEqual([1, 2, 3, 4, 5, 6].map(raw));
      expect(runs.map((r) => r.files.length)).toEqual([6, 6, 6, 6]);
    }
  });

  it('none, draining, list and multiparam launch the dataset field itself', async () => {
    expect(await drive('none', 'samdev:demo_raw', 1)).toEqual([{ dataset: 'samdev:demo_raw', files: [] }]);
    expect(await drive('draining', 'samdev:demo_raw', 1)).toEqual([
      { dataset: 'samdev:demo_raw', files: [] },
    ]);
    expect((await drive('list', 'samdev:demo_raw,samdev:demo_gen_cfg')).map((r) => r.dataset)).toEqual([
      'samdev:demo_raw',
      'samdev:demo_gen_cfg',
    ]);
    expect((await drive('multiparam', '[["samdev:a","samdev:b"]]')).map((r) => r.dataset)).toEqual([
      'samdev:a',
      'samdev:b',
    ]);
  });

  /** A prestaging worker finishing (or failing) the project's next `n` files. */
  async function stage(projectId: number, n: number, failed = false) {
    for (let i = 0; i < n; i++) {
      const next = await dd.nextFile(projectId, 'stager');
      if (!next.handle) return;
      const did = `${next.handle.namespace}:${next.handle.name}`;
      await dd.release(projectId, did, 'stager', { failed, retry: false });
    }
  }

  it("stagedfiles: the Data Dispatcher project's done files, n at a time, never twice", async () => {
    const files = Array.from({ length: 12 }, (_, k) => `samdev:${raw(k + 1)}`);
    const p = await dd.createProject(files);
    await stage(p.projectId, 5);
    await stage(p.projectId, 1, true); // a failed file is not staged
    const first = await drive('stagedfiles(3)', String(p.projectId));
    expect(first.map((r) => r.files.length)).toEqual([3, 2]);
    const staged = all(first);
    expect(new Set(staged).size).toBe(5);
    expect(first[0].dataset).toBe(`samdev:dd_project_${p.projectId}_slice_0_stage_3`);

    // More files staged later: only those are launched, from the cursor the first launches left.
    await stage(p.projectId, 4);
    const again = await drive('stagedfiles(3)', String(p.projectId), 10, lastCursor);
    expect(again.map((r) => r.files.length)).toEqual([3, 1]);
    expect(new Set([...staged, ...all(again)]).size).toBe(9);
  });

  it('stagedfiles names the dataset field for a non-id and for an unknown project', async () => {
    await expect(drive('stagedfiles(5)', 'samdev:demo_raw')).rejects.toMatchObject({
      details: [{ field: 'dataset' }],
    });
    await expect(drive('stagedfiles(5)', '987654')).rejects.toMatchObject({
      details: [{ field: 'dataset', message: 'there is no Data Dispatcher project 987654' }],
    });
  });
});
