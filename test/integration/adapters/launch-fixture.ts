import { buildLaunchPlan, buildLaunchScript } from '../../../src/domain/launch/index.js';

/**
 * The remote script POMS builds to launch one submission of a demo-like stage with the simulator's
 * `fife_launch` (`-Oglobal.dataset=… -Oglobal.njobs=…`), built by the real domain code.
 */
export function demoLaunchScript(o: {
  submissionId: number;
  dataset: string;
  njobs: number;
  setup?: string;
}): string {
  return buildLaunchScript(
    buildLaunchPlan({
      experiment: 'samdev',
      experimenter: 'producer',
      launcher: 'producer',
      campaign: { id: 1, name: 'demo' },
      stage: { id: 11, name: 'contract reco', type: 'reco', softwareVersion: 'v1' },
      jobType: {
        id: 5,
        launchScript: 'fife_launch -c %(experiment)s_reco.cfg',
        definitionParameters: [
          ['-Oglobal.dataset=', '%(dataset)s'],
          ['-Oglobal.version=', '%(version)s'],
          ['-Oglobal.njobs=', String(o.njobs)],
        ],
      },
      loginSetup: { setup: o.setup ?? 'setup fife_utils; echo "setup done for %(experiment)s"' },
      submissionId: o.submissionId,
      dataset: o.dataset,
      testLaunch: false,
      pomsTest: '1',
    }),
  );
}
