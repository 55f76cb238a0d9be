import { afterEach, describe, expect, it } from 'vitest';
import {
  buildLaunchPlan,
  buildLaunchScript,
  buildPreview,
  groupFor,
  legacyCampaignName,
} from '../../../../src/domain/launch/index.js';
import { exampleInput } from './plan-input.js';
import { runScript, scratchDir } from './run-script.js';

let cleanup = () => {};
afterEach(() => cleanup());

describe('buildLaunchScript', () => {
  it('the example as a whole script', () => {
    const plan = buildLaunchPlan(
      exampleInput({
        parentSubmissionId: 42,
        callbackUrl: 'https://poms.example/api',
        siteProfile: { beforeSetup: ['kinit -R || true'], afterSetup: ['spack load poms-jobsub-wrapper'] },
      }),
    );
    expect(buildLaunchScript(plan)).toBe(
      [
        '{',
        'exec 2>&1 </dev/null',
        'echo "== process_id: $$ =="',
        'echo "== process_start: $(ps -o lstart= -p $$) =="',
        '# values',
        'export POMS_DATASET=mydef_slice0_of_3',
        'export POMS_VERSION=v1',
        'export POMS_GROUP=mu2e',
        'export POMS_EXPERIMENTER=alice',
        'export POMS_EXPERIMENT=mu2e',
        '# site profile',
        'kinit -R || true',
        '# login setup',
        'source /setup.sh',
        '# POMS environment',
        'export POMS4_CAMPAIGN_STAGE_ID=14',
        'export POMS4_CAMPAIGN_STAGE_NAME=mdc_reco',
        'export POMS4_CAMPAIGN_STAGE_TYPE=regular',
        'export POMS4_CAMPAIGN_ID=7',
        'export POMS4_CAMPAIGN_NAME=mdc',
        'export POMS4_SUBMISSION_ID=501',
        'export POMS4_TEST_LAUNCH=False',
        'export POMS_CAMPAIGN_ID=14',
        'export POMS_CAMPAIGN_NAME=mdc___reco',
        'export POMS_PARENT_TASK_ID=42',
        'export POMS_TASK_ID=501',
        'export POMS_LAUNCHER=alice',
        'export POMS_TEST=1',
        'export POMS_TASK_DEFINITION_ID=3',
        'export JOBSUB_GROUP=mu2e',
        'export GROUP=mu2e',
        'export POMS_URL=https://poms.example/api',
        '# site profile (after setup)',
        'spack load poms-jobsub-wrapper',
        '# launch',
        'set -x',
        'fife_launch -c job.cfg -Oglobal.dataset=mydef_slice0_of_3 -Oglobal.release=v2 --stage=reco',
        'rc=$?',
        '{ set +x; } 2>/dev/null',
        'echo "== completed: $$ =="',
        'exit "$rc"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('the preview is the same text', () => {
    const plan = buildLaunchPlan(exampleInput());
    expect(buildPreview(plan)).toBe(buildLaunchScript(plan));
  });

  it('substitutes the login setup with quoted values, and only the fixed keys', () => {
    const setup =
      'setup x %(version)s -q %(dataset)s # %(group)s %(experimenter)s %(experiment)s %(parameter)s 100%%';
    const plan = buildLaunchPlan(
      exampleInput({ dataset: 'a b', experiment: 'samdev', loginSetup: { setup } }),
    );
    expect(plan.setup).toBe(
      'setup x "${POMS_VERSION}" -q "${POMS_DATASET}" # "${POMS_GROUP}" "${POMS_EXPERIMENTER}" "${POMS_EXPERIMENT}" "${POMS_DATASET}" 100%',
    );
    expect(plan.setupEnv).toEqual([
      ['POMS_DATASET', 'a b'],
      ['POMS_VERSION', 'v1'],
      ['POMS_GROUP', 'fermilab'],
      ['POMS_EXPERIMENTER', 'alice'],
      ['POMS_EXPERIMENT', 'samdev'],
    ]);
    expect(() => buildLaunchPlan(exampleInput({ loginSetup: { setup: 'echo %(release)s' } }))).toThrow(
      "login setup, line 1: unknown key 'release' in %(release)s",
    );
  });

  it('test flag: a test launch or a test campaign', () => {
    const flag = (over: Parameters<typeof exampleInput>[0]) =>
      new Map(buildLaunchPlan(exampleInput(over)).env).get('POMS4_TEST_LAUNCH');
    expect(flag({ testLaunch: true })).toBe('True');
    expect(flag({ campaign: { id: 7, name: 'mdc', type: 'test' } })).toBe('True');
    expect(flag({})).toBe('False');
  });

  it('exports extra variables and refuses bad names', () => {
    const plan = buildLaunchPlan(exampleInput({ extraEnv: [['BEARER_TOKEN_FILE', '/tmp/t 1']] }));
    expect(buildLaunchScript(plan)).toContain("export BEARER_TOKEN_FILE='/tmp/t 1'\n");
    expect(() => buildLaunchPlan(exampleInput({ extraEnv: [['A;rm', 'x']] }))).toThrow(
      "'A;rm' is not a valid environment variable name",
    );
  });

  it('runs: markers around the command, its exit status kept', () => {
    const s = scratchDir();
    cleanup = s.cleanup;
    const plan = buildLaunchPlan(
      exampleInput({ loginSetup: { setup: 'fife_launch() { echo "launched $#"; return 3; }' } }),
    );
    const run = runScript(buildLaunchScript(plan), s.dir);
    expect(run.status).toBe(3);
    const pid = /^== process_id: (\d+) ==$/m.exec(run.output)?.[1];
    expect(pid).toBeDefined();
    expect(run.output).toMatch(new RegExp(`launched 5\\n(.*\\n)*== completed: ${pid} ==\\n$`));
    expect(run.output.indexOf('== process_id:')).toBe(0);
  });

  it('fed on stdin, a command that reads stdin cannot swallow the rest of the script', () => {
    const s = scratchDir();
    cleanup = s.cleanup;
    const plan = buildLaunchPlan(
      exampleInput({ loginSetup: { setup: 'fife_launch() { cat > "$OUT_DIR/stdin"; }' } }),
    );
    const run = runScript(buildLaunchScript(plan), s.dir, 'stdin');
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/== completed: \d+ ==\n$/);
    expect(run.words('stdin')).toEqual([]);
  });
});

describe('names and group', () => {
  it.each([
    ['mdc', 'mdc', 'mdc'],
    ['mdc', 'mdc_reco', 'mdc___reco'],
    ['mdc', 'reco', 'mdc__reco'],
    ['my camp', 'other stage', 'my_camp__other_stage'],
  ])('legacyCampaignName(%j, %j) = %j', (campaign, stage, name) => {
    expect(legacyCampaignName(campaign, stage)).toBe(name);
  });

  it('group is the experiment, except samdev → fermilab', () => {
    expect(groupFor('mu2e')).toBe('mu2e');
    expect(groupFor('samdev')).toBe('fermilab');
  });
});
