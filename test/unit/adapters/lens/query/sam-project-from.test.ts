import { describe, expect, it } from 'vitest';
import { projectFromCommand, samProjectFrom } from '../../../../../src/adapters/lens/query/index.js';

describe('samProjectFrom', () => {
  it.each([
    ['-x --sam_project proj_a -y', {}, 'proj_a'],
    ['--project_name=proj_b', {}, 'proj_b'],
    ['--project-name proj_c', {}, 'proj_c'],
    ["--project_name 'proj_q'", {}, 'proj_q'],
    ['--project_name x --sam_project y', {}, 'y'],
    ['no project here', { SAM_PROJECT_NAME: 'env_name', SAM_PROJECT: 'env_proj' }, 'env_name'],
    [undefined, { SAM_PROJECT_NAME: null, SAM_PROJECT: 'env_proj' }, 'env_proj'],
    ['', { SAM_PROJECT_NAME: '', SAM_PROJECT: '' }, null],
    [null, {}, null],
  ])('args %j env %j → %j', (args, env, expected) => {
    expect(samProjectFrom({ args, env })).toBe(expected);
  });
});

describe('projectFromCommand (projre)', () => {
  it.each([
    ['jobsub_submit -G mu2e -e SAM_PROJECT=p1 -e SAM_PROJECT_NAME=p2 file://x', 'p1'],
    ['jobsub_submit -e SAM_PROJECT_NAME=p2 --project-name p3', 'p2'],
    ['fife_launch --sam_project=p4', 'p4'],
    ['jobsub_submit --dataset-definition d --project_name p5', 'p5'],
    ['jobsub_submit --project-name=p6', 'p6'],
    ['x --project p7', 'p7'],
    ["jobsub_submit --project-name 'demo_raw_101'", 'demo_raw_101'],
    ['jobsub_submit -e SAM_PROJECT= --project_name p8', 'p8'],
    ['jobsub_submit -N 3 file://run.sh', null],
  ])('%s → %j', (cmd, expected) => {
    expect(projectFromCommand(cmd)).toBe(expected);
  });
});
