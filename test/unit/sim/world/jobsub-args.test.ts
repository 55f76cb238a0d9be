import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../../src/sim/jobsub/cli-args.js';
import {
  isNoDataset,
  parseFifeLaunchArgs,
  projectStamp,
} from '../../../../src/sim/jobsub/fife-launch-args.js';
import { pomsWrap } from '../../../../src/sim/jobsub/poms-wrap.js';
import { parseClassAdLine, parseSubmitArgs } from '../../../../src/sim/jobsub/submit-args.js';

describe('jobsub_submit arguments', () => {
  it('reads options in every spelling, up to the executable', () => {
    const s = parseSubmitArgs([
      '-G',
      'fermilab',
      '--role=Production',
      '-N5',
      '--dataset-definition',
      'demo_raw',
      '--project-name=p1',
      '-e',
      'SAM_PROJECT=p1',
      '-e',
      'POMS_TASK_ID',
      '-l',
      '+POMS_TASK_ID=101',
      '--lines=+X="a b"',
      '--memory',
      '2000MB',
      '--verbose',
      'file:///sim/worker.sh',
      '-N',
      '99',
    ]);
    expect(s).toMatchObject({
      group: 'fermilab',
      role: 'Production',
      count: 5,
      dataset: 'demo_raw',
      projectName: 'p1',
      env: [
        ['SAM_PROJECT', 'p1'],
        ['POMS_TASK_ID', undefined],
      ],
      lines: ['+POMS_TASK_ID=101', '+X="a b"'],
      executable: 'file:///sim/worker.sh',
      args: ['-N', '99'],
      errors: [],
    });
  });

  it('reports argparse-style problems', () => {
    expect(parseSubmitArgs(['-N', 'many', 'file:///x']).errors).toEqual([
      "argument -N: invalid int value: 'many'",
    ]);
    expect(parseSubmitArgs(['-G', 'g']).errors[0]).toMatch(/executable/);
    expect(parseSubmitArgs(['-G']).errors[0]).toMatch(/expected one argument/);
  });

  it('reads classad lines', () => {
    expect(parseClassAdLine('+POMS_TASK_ID=101')).toEqual(['POMS_TASK_ID', '101']);
    expect(parseClassAdLine('+FIFE_CATEGORIES = "POMS_TASK_ID_101"')).toEqual([
      'FIFE_CATEGORIES',
      '"POMS_TASK_ID_101"',
    ]);
    expect(parseClassAdLine('no equals')).toBeNull();
  });

  it('collects unknown --x=y options without swallowing positionals', () => {
    const p = parseCli(['--weird=1', '--flag', 'pos'], { valued: {} });
    expect(p.options.get('--weird')).toEqual(['1']);
    expect([...p.flags]).toEqual(['--flag']);
    expect(p.positionals).toEqual(['pos']);
  });
});

describe('fife_launch arguments', () => {
  it('reads -c, -O overrides (both spellings) and --stage', () => {
    const a = parseFifeLaunchArgs([
      '-c',
      'demo.cfg',
      '-Oglobal.dataset=demo_raw',
      '-O',
      'global.version=v2',
      '--stage=reco',
    ]);
    expect(a.config).toBe('demo.cfg');
    expect(Object.fromEntries(a.overrides)).toEqual({ 'global.dataset': 'demo_raw', 'global.version': 'v2' });
    expect(a.stage).toBe('reco');
    expect(isNoDataset('None')).toBe(true);
    expect(isNoDataset('')).toBe(true);
    expect(isNoDataset('demo_raw')).toBe(false);
    expect(projectStamp(Date.parse('2025-04-01T10:22:03Z'))).toBe('20250401102203');
  });
});

describe('the POMS wrapper classads', () => {
  it('adds POMS_TASK_ID, POMS4_* and FIFE_CATEGORIES from the launch environment', () => {
    const w = pomsWrap({
      POMS_TASK_ID: '101',
      POMS4_CAMPAIGN_STAGE_ID: '7',
      POMS4_CAMPAIGN_ID: '3',
      POMS4_CAMPAIGN_STAGE_NAME: 'reco',
      POMS_CAMPAIGN_ID: '7',
    });
    expect(w.ads).toMatchObject({
      POMS_TASK_ID: 101,
      POMS4_SUBMISSION_ID: 101,
      POMS4_CAMPAIGN_STAGE_ID: 7,
      POMS4_CAMPAIGN_ID: 3,
      POMS4_CAMPAIGN_STAGE_NAME: 'reco',
      FIFE_CATEGORIES: 'POMS_TASK_ID_101,POMS_CAMPAIGN_ID_7',
    });
    expect(w.jobEnv).toMatchObject({ POMS_TASK_ID: '101', POMS4_SUBMISSION_ID: '101' });
    expect(pomsWrap({ USER: 'x' })).toEqual({ ads: {}, jobEnv: {} });
  });
});
