import { describe, expect, it } from 'vitest';
import {
  buildLaunchPlan,
  buildLaunchWords,
  launchSubstitutions,
} from '../../../../src/domain/launch/index.js';
import { exampleInput } from './plan-input.js';

const p = (option: string, value: string) => ({ option, value, source: 'param_overrides' as const });

describe('launch command words', () => {
  it('inventory §3.4 example', () => {
    const plan = buildLaunchPlan(exampleInput());
    expect(plan.words).toEqual([
      'fife_launch',
      '-c',
      'job.cfg',
      '-Oglobal.dataset=mydef_slice0_of_3',
      '-Oglobal.release=v2',
      '--stage=reco',
    ]);
    expect(plan.command).toBe(
      'fife_launch -c job.cfg -Oglobal.dataset=mydef_slice0_of_3 -Oglobal.release=v2 --stage=reco',
    );
  });

  it('quotes words that need it', () => {
    const plan = buildLaunchPlan(exampleInput({ dataset: "my def's" }));
    expect(plan.command).toBe(
      `fife_launch -c job.cfg '-Oglobal.dataset=my def'\\''s' -Oglobal.release=v2 --stage=reco`,
    );
  });

  it('test overrides only on test launches', () => {
    expect(buildLaunchPlan(exampleInput({ testLaunch: true })).words.at(-1)).toBe('--test=yes');
    expect(
      buildLaunchPlan(exampleInput({ campaign: { id: 7, name: 'mdc', type: 'test' } })).words,
    ).not.toContain('--test=yes');
  });

  it('splits options on blanks; a trailing blank makes the value its own word', () => {
    const values = { dataset: 'd e' };
    expect(buildLaunchWords('run', [p('-e SAM_PROJECT=', '%(dataset)s')], values)).toEqual([
      'run',
      '-e',
      'SAM_PROJECT=d e',
    ]);
    expect(buildLaunchWords('run', [p('--stage ', '%(dataset)s')], values)).toEqual([
      'run',
      '--stage',
      'd e',
    ]);
    expect(buildLaunchWords('run', [p('', '%(dataset)s')], values)).toEqual(['run', 'd e']);
    expect(buildLaunchWords('run  -x\t-y', [], values)).toEqual(['run', '-x', '-y']);
  });

  it('empty values: glued options stay (--a=), blank-ended options lose the value word, as the shell did', () => {
    expect(buildLaunchWords('run', [p('--a=', ''), p('-c ', ''), p('', '')], {})).toEqual([
      'run',
      '--a=',
      '-c',
    ]);
  });

  it('substitutes keywords, %% and the fixed keys, fixed keys winning over keywords', () => {
    const values = launchSubstitutions({
      keywords: { rel: 'v9', dataset: 'kw-loses', pct: '50%' },
      dataset: 'ds_%(rel)s',
      version: '%(rel)s_1',
      group: 'mu2e',
      experimenter: 'alice',
      experiment: 'mu2e',
    }).command;
    expect(
      buildLaunchWords('run', [p('--x=', '%(dataset)s:%(parameter)s:%(version)s:%(pct)s:100%%')], values),
    ).toEqual(['run', '--x=ds_v9:ds_v9:v9_1:50%:100%']);
    expect(
      buildLaunchWords('%(experiment)s_launch %(group)s', [p('-u ', '%(experimenter)s')], values),
    ).toEqual(['mu2e_launch', 'mu2e', '-u', 'alice']);
  });

  it('an unknown key is an error naming the key and the parameter', () => {
    expect(() =>
      buildLaunchPlan(
        exampleInput({ stage: { ...exampleInput().stage, paramOverrides: [['--x=', '%(nope)s']] } }),
      ),
    ).toThrow("Unknown key 'nope' in %(nope)s in param_overrides value of '--x='");
    expect(() => buildLaunchPlan(exampleInput({ jobType: { id: 3, launchScript: 'run 50%' } }))).toThrow(
      "Stray '%' at position 3 ('%') in launch_script",
    );
    expect(() => buildLaunchPlan(exampleInput({ dataset: 'a_%(nope)s' }))).toThrow(
      "Unknown key 'nope' in %(nope)s in dataset",
    );
    expect(() => buildLaunchPlan(exampleInput({ jobType: { id: 3, launchScript: '  ' } }))).toThrow(
      'no launch script',
    );
  });

  it('a keyword named __proto__ is an ordinary keyword', () => {
    const values = launchSubstitutions({
      keywords: JSON.parse('{"__proto__": "x"}') as Record<string, unknown>,
      dataset: 'd',
      version: 'v',
      group: 'g',
      experimenter: 'e',
      experiment: 'g',
    }).command;
    expect(buildLaunchWords('run', [p('--p=', '%(__proto__)s')], values)).toEqual(['run', '--p=x']);
  });

  it('refuses keywords that are not text', () => {
    expect(() =>
      buildLaunchPlan(exampleInput({ campaign: { id: 7, name: 'c', keywords: { n: 5 } } })),
    ).toThrow("campaign keyword 'n' must be text, got 5");
  });
});
