import { describe, expect, it } from 'vitest';
import { fakeContext, genCfgSam } from './fake-split-sam.js';
import { cursors, datasets, drive } from './drive.js';

// Split types whose cursor is the SAM snapshot id of everything delivered so far.

const EPOCH = 1476057600; // fakeContext's now(), 2016-10-10T00:00:00Z

describe('drainingn', () => {
  it('drainingn(2): slices of 2, 2, 1, then exhausted; the cursor covers all delivered files', async () => {
    const sam = genCfgSam();
    const steps = await drive(fakeContext(sam), 'drainingn(2)', 'gen_cfg', 4);
    expect(datasets(steps)).toEqual([
      'gen_cfg_slice_0_stage_2',
      'gen_cfg_slice_101_stage_2',
      'gen_cfg_slice_103_stage_2',
      'EXHAUSTED',
    ]);
    expect(steps.map((s) => (s.cursor === null ? 0 : sam.snapshots.get(s.cursor)!.length))).toEqual([
      2, 4, 5, 5,
    ]);
    expect(steps[1].result).toMatchObject({
      definitions: [
        { name: 'gen_cfg_slice_101_stage_2', dims: 'defname: gen_cfg minus snapshot_id 101 with limit 2' },
        { name: `gen_cfg_full_101_stage_2_${EPOCH}`, dims: 'snapshot_id 101 or snapshot_id 102' },
      ],
      cursor: 103,
    });
    expect(steps[0].result).toMatchObject({
      definitions: [{ name: 'gen_cfg_slice_0_stage_2', dims: 'defname: gen_cfg with limit 2' }],
      cursor: 101,
    });
    expect(steps[3].result).toEqual({
      kind: 'exhausted',
      reason: 'drainingn(2): no undelivered files left in gen_cfg',
    });
  });

  it('picks up files added to a growing dataset after it was drained', async () => {
    const sam = genCfgSam();
    const ctx = fakeContext(sam);
    const first = await drive(ctx, 'drainingn(2)', 'gen_cfg', 4);
    sam.addFile({ name: 'gen_cfg_f6.root', run: 4, endTime: '2016-10-06T12:00:00' }, 'gen_cfg');
    const more = await drive(ctx, 'drainingn(2)', 'gen_cfg', 2, first[3].cursor);
    expect(datasets(more)).toEqual(['gen_cfg_slice_105_stage_2', 'EXHAUSTED']);
    expect(sam.evaluate(`defname: ${datasets(more)[0]}`)).toEqual(['gen_cfg_f6.root']);
  });
});

describe('stagedfiles', () => {
  it('launches up to n newly consumed files of the project, exhausted until more are staged', async () => {
    const sam = genCfgSam();
    const ctx = fakeContext(sam);
    const consumed = ['gen_cfg_f1.root', 'gen_cfg_f2.root', 'gen_cfg_f3.root'];
    sam.projects.set('stage_proj', { files: sam.evaluate('defname: gen_cfg'), consumed });
    const steps = await drive(ctx, 'stagedfiles(2)', 'stage_proj', 3);
    expect(datasets(steps)).toEqual([
      'stage_proj_slice_0_stage_2',
      'stage_proj_slice_101_stage_2',
      'EXHAUSTED',
    ]);
    expect(steps[0].result).toMatchObject({
      definitions: [
        {
          name: 'stage_proj_slice_0_stage_2',
          dims: "project_name stage_proj and consumed_status 'consumed' with limit 2",
        },
      ],
    });
    expect(steps[1].result).toMatchObject({
      definitions: [
        {
          name: 'stage_proj_slice_101_stage_2',
          dims: "project_name stage_proj and consumed_status 'consumed' minus snapshot_id 101 with limit 2",
        },
        { name: 'stage_proj_full_101_stage_2', dims: 'snapshot_id 101 or snapshot_id 102' },
      ],
    });
    expect(sam.evaluate('defname: stage_proj_slice_101_stage_2')).toEqual(['gen_cfg_f3.root']);

    consumed.push('gen_cfg_f4.root', 'gen_cfg_f5.root');
    const later = await drive(ctx, 'stagedfiles(2)', 'stage_proj', 2, steps[2].cursor);
    expect(sam.evaluate(`defname: ${datasets(later)[0]}`)).toEqual(['gen_cfg_f4.root', 'gen_cfg_f5.root']);
    expect(datasets(later)[1]).toBe('EXHAUSTED');
  });
});

describe('byexistingruns', () => {
  it('one run.subrun of the first undelivered file per launch, then exhausted', async () => {
    const sam = genCfgSam();
    const steps = await drive(fakeContext(sam), 'byexistingruns() ', 'gen_cfg', 5);
    expect(datasets(steps)).toEqual([
      'gen_cfg_slice_0_run_1.0000',
      'gen_cfg_slice_101_run_2.0000',
      'gen_cfg_slice_103_run_2.0001',
      'gen_cfg_slice_105_run_3.0000',
      'EXHAUSTED',
    ]);
    const files = datasets(steps)
      .slice(0, 4)
      .map((d) => sam.evaluate(`defname: ${d}`));
    expect(files).toEqual([
      ['gen_cfg_f1.root', 'gen_cfg_f2.root'],
      ['gen_cfg_f3.root'],
      ['gen_cfg_f4.root'],
      ['gen_cfg_f5.root'],
    ]);
    expect(steps[1].result).toMatchObject({
      definitions: [
        {
          name: 'gen_cfg_slice_101_run_2.0000',
          dims: '(defname: gen_cfg minus snapshot_id 101) and run_number 2.0000',
        },
        { name: 'gen_cfg_full_101_run_2.0000', dims: 'snapshot_id 101 or snapshot_id 102' },
      ],
    });
    expect(cursors(steps).map((c) => sam.snapshots.get(c!)!.length)).toEqual([2, 3, 4, 5, 5]);
    expect(steps[4].result).toEqual({
      kind: 'exhausted',
      reason: 'byexistingruns: no undelivered files left in gen_cfg',
    });
  });

  it('is exhausted when the next file has no run metadata', async () => {
    const sam = genCfgSam();
    sam.addFile({ name: 'norun.root', endTime: '2016-10-01T00:00:00' }, 'norun');
    const [step] = await drive(fakeContext(sam), 'byexistingruns()', 'norun', 1);
    expect(step.result).toEqual({
      kind: 'exhausted',
      reason: 'byexistingruns: file norun.root has no run metadata',
    });
    expect(sam.writes).toEqual([]);
  });
});
