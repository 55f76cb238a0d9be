import { describe, expect, it } from 'vitest';
import { mergeParameters, toParamPairs, type ParameterSources } from '../../../../src/domain/launch/index.js';

const pairs = (s: ParameterSources) => mergeParameters(s).map((p) => [p.option, p.value]);

describe('mergeParameters', () => {
  const job = [
    ['-c ', 'job.cfg'],
    ['--a=', '1'],
  ] as const;

  it('later sources win but an option keeps its first position', () => {
    expect(
      pairs({
        definitionParameters: job,
        stageOverrides: [
          ['--b=', '2'],
          ['-c ', 'other.cfg'],
        ],
        testLaunch: false,
      }),
    ).toEqual([
      ['-c ', 'other.cfg'],
      ['--a=', '1'],
      ['--b=', '2'],
    ]);
  });

  it('applies campaign defaults only with merge_overrides, before the stage overrides', () => {
    const s = {
      definitionParameters: job,
      campaignDefaultOverrides: '[["--a=", "camp"], ["--d=", "camp"]]',
      stageOverrides: [['--d=', 'stage']] as const,
      testLaunch: false,
    };
    expect(pairs(s)).toEqual([
      ['-c ', 'job.cfg'],
      ['--a=', '1'],
      ['--d=', 'stage'],
    ]);
    expect(pairs({ ...s, mergeOverrides: true })).toEqual([
      ['-c ', 'job.cfg'],
      ['--a=', 'camp'],
      ['--d=', 'stage'],
    ]);
  });

  it('applies test overrides only on test launches, and launch overrides win over them', () => {
    const s = {
      definitionParameters: job,
      stageOverrides: [['--s=', 'stage']] as const,
      launchOverrides: [['--a=', 'recovery']] as const,
      testOverrides: [
        ['--a=', 'test'],
        ['--t=', 'test'],
      ] as const,
      testLaunch: false,
    };
    expect(pairs(s)).toEqual([
      ['-c ', 'job.cfg'],
      ['--a=', 'recovery'],
      ['--s=', 'stage'],
    ]);
    expect(mergeParameters({ ...s, testLaunch: true })).toEqual([
      { option: '-c ', value: 'job.cfg', source: 'definition_parameters' },
      { option: '--a=', value: 'recovery', source: 'launch_overrides' },
      { option: '--s=', value: 'stage', source: 'param_overrides' },
      { option: '--t=', value: 'test', source: 'test_param_overrides' },
    ]);
  });

  it('an empty value keeps the option (it does not remove it)', () => {
    expect(pairs({ definitionParameters: job, stageOverrides: [['--a=', '']], testLaunch: false })).toEqual([
      ['-c ', 'job.cfg'],
      ['--a=', ''],
    ]);
  });

  it('options are compared as written (blanks matter): "-c " and "-c" are different options', () => {
    expect(
      pairs({ definitionParameters: job, stageOverrides: [['-c', 'x']], testLaunch: false }),
    ).toHaveLength(3);
  });
});

describe('toParamPairs', () => {
  it('reads lists, JSON text, null and empty text', () => {
    expect(toParamPairs([['-c ', 'x']], 'f')).toEqual([['-c ', 'x']]);
    expect(toParamPairs('[["-c ", "x"]]', 'f')).toEqual([['-c ', 'x']]);
    expect(toParamPairs(null, 'f')).toEqual([]);
    expect(toParamPairs('', 'f')).toEqual([]);
    expect(toParamPairs('null', 'f')).toEqual([]);
  });

  it.each([
    ['[["-c "]]', 'param_overrides item 1 must be [option, value] with two strings, got ["-c "]'],
    ['[["-N ", 5]]', 'param_overrides item 1 must be [option, value] with two strings, got ["-N ",5]'],
    ['{"a": 1}', 'param_overrides must be a list of [option, value] pairs'],
    ['[[', /^param_overrides is not valid JSON: /],
  ])('refuses %j naming the field', (text, message) => {
    expect(() => toParamPairs(text, 'param_overrides')).toThrow(message);
  });
});
