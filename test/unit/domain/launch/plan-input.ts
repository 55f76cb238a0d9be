import type { LaunchPlanInput } from '../../../../src/domain/launch/index.js';

/** The inventory §3.4 example as a complete launch of submission 501 of stage 14 "reco". */
export function exampleInput(over: Partial<LaunchPlanInput> = {}): LaunchPlanInput {
  return {
    experiment: 'mu2e',
    experimenter: 'alice',
    launcher: 'alice',
    campaign: { id: 7, name: 'mdc', keywords: { release: 'v9' } },
    stage: {
      id: 14,
      name: 'mdc reco',
      type: 'regular',
      softwareVersion: 'v1',
      paramOverrides: [
        ['-Oglobal.release=', 'v2'],
        ['--stage=', 'reco'],
      ],
      testParamOverrides: [['--test=', 'yes']],
    },
    jobType: {
      id: 3,
      launchScript: 'fife_launch',
      definitionParameters: [
        ['-c ', 'job.cfg'],
        ['-Oglobal.dataset=', '%(dataset)s'],
        ['-Oglobal.release=', '%(version)s'],
      ],
    },
    loginSetup: { setup: 'source /setup.sh' },
    submissionId: 501,
    dataset: 'mydef_slice0_of_3',
    testLaunch: false,
    pomsTest: '1',
    ...over,
  };
}
