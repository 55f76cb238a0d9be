import { describe, expect, it } from 'vitest';
import { mqlSplitDialect } from '../../../../../src/domain/files/mql/split-mql.js';
import { nextSplit, type SplitContext, type SplitSam } from '../../../../../src/domain/splits/index.js';
import { AppError } from '../../../../../src/lib/errors.js';

// Every split type on a MetaCat experiment: the exact MQL it counts, lists and saves. The same
// texts run against the simulator's MQL engine in test/integration/sim/split-mql.int.test.ts.

function recorder(count = 5) {
  const calls: string[] = [];
  let snapshot = 700;
  const sam: SplitSam = {
    countFiles: async (q) => (calls.push(`count ${q}`), count),
    listFiles: async (q) => (calls.push(`list ${q}`), count ? ['dune:raw_1000_0002.root'] : []),
    fileMetadata: async (f) => (calls.push(`metadata ${f}`), { runs: [[1000, 2]] }),
    createDefinition: async (name, q) => void calls.push(`define ${name} = ${q}`),
    takeSnapshot: async (name) => (calls.push(`snapshot ${name}`), ++snapshot),
  };
  const ctx: SplitContext = {
    sam,
    dialect: mqlSplitDialect('dune'),
    newId: () => 'ID',
    now: () => new Date('2026-12-07T12:00:00Z'),
  };
  return { ctx, calls };
}

async function run(spec: string, dataset: string, cursor: number | null = null, count = 5) {
  const { ctx, calls } = recorder(count);
  const result = await nextSplit({ dataset, spec, cursor }, ctx, { dryRun: false });
  return { result, calls };
}

const DS = 'dune:raw';

describe('split types as MQL', () => {
  it('nfiles: an ordered skip/limit slice saved as a named query', async () => {
    const { result, calls } = await run('nfiles(10)', DS, 2);
    expect(calls).toEqual([
      'count files from dune:raw ordered skip 20 limit 10',
      'define dune:raw_slice2_files10 = files from dune:raw ordered skip 20 limit 10',
    ]);
    expect(result).toMatchObject({ kind: 'dataset', dataset: 'dune:raw_slice2_files10', cursor: 3 });
  });

  it('limitn: the first n files', async () => {
    const { calls } = await run('limitn(4)', DS);
    expect(calls[1]).toBe('define dune:raw_ID_limit4 = files from dune:raw ordered limit 4');
  });

  it('mod: every_nth over the ordered dataset', async () => {
    const { calls } = await run('mod(3)', DS, 1);
    expect(calls).toEqual([
      'define dune:raw_slice1_of_3 = filter every_nth(3, 1)(files from dune:raw ordered)',
    ]);
  });

  it('drainingn: minus the frozen dataset of what was delivered, then a frozen union', async () => {
    const { result, calls } = await run('drainingn(5)', DS, 700);
    const q = '((files from dune:raw - files from dune:poms_snapshot_700)) ordered limit 5';
    expect(calls.slice(0, 2)).toEqual([`count ${q}`, `define dune:raw_slice_700_stage_5 = ${q}`]);
    expect(calls).toContain(
      'define dune:raw_full_700_stage_5_1796644800 = union(files from dune:poms_snapshot_700, files from dune:poms_snapshot_701)',
    );
    expect(result).toMatchObject({ cursor: 702 });
  });

  it('drainingn on a first launch: the whole dataset', async () => {
    const { calls } = await run('drainingn(5)', DS);
    expect(calls[0]).toBe('count (files from dune:raw) ordered limit 5');
  });

  it('byrun: runs as a metadata array', async () => {
    const { calls } = await run('byrun(low=1000,high=1002)', DS, 1001);
    expect(calls).toEqual(['define dune:raw_ID_run_1001 = files from dune:raw where core.runs[any] = 1001']);
  });

  it('byexistingruns: the run.subrun of the first undelivered file', async () => {
    const { calls } = await run('byexistingruns', DS, 700);
    const base = '(files from dune:raw - files from dune:poms_snapshot_700)';
    expect(calls.slice(0, 3)).toEqual([
      `list (${base}) ordered limit 1`,
      'metadata dune:raw_1000_0002.root',
      `define dune:raw_slice_700_run_1000.0002 = (${base}) where core.runs_subruns[any] = 100000002`,
    ]);
  });

  it('new and new_local: end-time windows in UTC datetimes', async () => {
    const t0 = Date.parse('2026-12-01T00:00:00Z') / 1000;
    for (const spec of ['new(window=1d)', 'new_local(window=1d)']) {
      const { calls } = await run(spec, DS, t0);
      expect(calls).toEqual([
        `define dune:raw_ID_time_${t0}__${t0 + 86400} = files from dune:raw where core.end_time > ` +
          'datetime("2026-12-01T00:00:00") and core.end_time <= datetime("2026-12-02T00:00:00")',
      ]);
    }
  });

  it('none, draining, list and multiparam run on the dataset field as written, with no query', async () => {
    for (const [spec, ds, want] of [
      ['none', DS, DS],
      ['draining', DS, DS],
      ['list', 'dune:a,dune:b', 'dune:a'],
      ['multiparam', '[["dune:a","dune:b"]]', 'dune:a'],
    ]) {
      const { result, calls } = await run(spec, ds);
      expect(calls).toEqual([]);
      expect(result).toMatchObject({ kind: 'dataset', dataset: want });
    }
  });

  it('an empty slice is exhausted, nothing saved', async () => {
    const { result, calls } = await run('nfiles(10)', DS, 9, 0);
    expect(result.kind).toBe('exhausted');
    expect(calls).toHaveLength(1);
  });

  it("stagedfiles: the DD project's done files the port lists, less what was delivered", async () => {
    const { ctx, calls } = recorder();
    const done = ['dune:raw_1.root', 'dune:raw_2.root'];
    ctx.sam.stagedFiles = async (p) => (calls.push(`staged ${p}`), done);
    const result = await nextSplit({ dataset: '42', spec: 'stagedfiles(5)', cursor: 700 }, ctx, {
      dryRun: false,
    });
    const q = '(files dune:raw_1.root, dune:raw_2.root - files from dune:poms_snapshot_700) ordered limit 5';
    expect(calls).toEqual([
      'staged 42',
      `count ${q}`,
      `define dune:dd_project_42_slice_700_stage_5 = ${q}`,
      'snapshot dune:dd_project_42_slice_700_stage_5',
      'define dune:dd_project_42_full_700_stage_5 = union(files from dune:poms_snapshot_700, files from dune:poms_snapshot_701)',
      'snapshot dune:dd_project_42_full_700_stage_5',
    ]);
    expect(result).toMatchObject({ dataset: 'dune:dd_project_42_slice_700_stage_5', cursor: 702 });
  });

  it('stagedfiles on a first launch: the done files alone; none done is exhausted without a query', async () => {
    const { ctx, calls } = recorder();
    ctx.sam.stagedFiles = async () => ['dune:raw_1.root'];
    await nextSplit({ dataset: '42', spec: 'stagedfiles(5)', cursor: null }, ctx, { dryRun: true });
    expect(calls).toEqual(['count (files dune:raw_1.root) ordered limit 5']);
    ctx.sam.stagedFiles = async () => [];
    calls.length = 0;
    const r = await nextSplit({ dataset: '42', spec: 'stagedfiles(5)', cursor: null }, ctx, { dryRun: true });
    expect(r.kind).toBe('exhausted');
    expect(calls).toEqual([]);
  });

  it('stagedfiles without a project port (no Data Dispatcher) is refused with the field', async () => {
    const e = await run('stagedfiles(5)', 'dune:proj').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).details?.[0]?.field).toBe('split_type');
  });

  it('a dataset that is not ns:name is refused naming the field', async () => {
    const e = await run('nfiles(3)', 'raw').catch((x: unknown) => x);
    expect((e as AppError).details?.[0]).toMatchObject({ field: 'dataset' });
  });
});
