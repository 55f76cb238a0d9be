import { shellQuoteWords } from '../../lib/shell-quote.js';
import { renderSetup, SETUP_VARIABLES } from '../../lib/remote-script/index.js';
import { launchSubstitutions, setupEnv } from './launch-substitutions.js';
import type { LaunchCredentials } from '../credentials/index.js';
import { buildLaunchWords } from './launch-words.js';
import { mergeParameters } from './merge-parameters.js';
import type { ParamPairsInput } from './param-pairs.js';
import { checkEnvNames, groupFor, pomsLaunchEnv } from './poms-launch-env.js';

/** Site-specific shell lines (kinit, htgettoken, spack…), written by the POMS administrators. */
export interface SiteProfile {
  /** Run before the login setup text. */
  beforeSetup?: readonly string[];
  /** Run after the login setup and the POMS exports, just before the launch command (e.g. the wrapper). */
  afterSetup?: readonly string[];
}

export interface LaunchPlanInput {
  experiment: string;
  /** Username of the person the launch runs for: %(experimenter)s. */
  experimenter: string;
  /** Username recorded as launcher: POMS_LAUNCHER. */
  launcher: string;
  campaign: {
    id: number;
    name: string;
    /** "test" makes every launch flagged as a test (but does not apply test overrides). */
    type?: string | null;
    keywords?: Readonly<Record<string, unknown>> | null;
    /** param_overrides of the campaign defaults. */
    defaultParamOverrides?: ParamPairsInput;
  };
  stage: {
    id: number;
    name: string;
    type: string;
    softwareVersion: string;
    paramOverrides?: ParamPairsInput;
    testParamOverrides?: ParamPairsInput;
    mergeOverrides?: boolean;
  };
  jobType: { id: number; launchScript: string; definitionParameters?: ParamPairsInput };
  /** The login setup's shell text (may contain %(dataset)s etc.). */
  loginSetup: { setup: string };
  submissionId: number;
  parentSubmissionId?: number | null;
  /** The dataset resolved for this launch (split result or override), keywords not yet expanded. */
  dataset: string;
  /** Overrides given with this launch (recovery, held launch). */
  launchOverrides?: ParamPairsInput;
  testLaunch: boolean;
  pomsTest: string;
  callbackUrl?: string;
  siteProfile?: SiteProfile;
  /** More variables to export (credentials…), after the POMS ones. */
  extraEnv?: ReadonlyArray<readonly [string, string]>;
  /** The launch's checked credentials: exported and written before the site profile runs. */
  credentials?: LaunchCredentials;
}

export interface LaunchPlan {
  /** The dataset after keyword expansion (what %(dataset)s gave). */
  dataset: string;
  /** Login setup text with each %(key)s replaced by a reference to its variable ("${POMS_DATASET}"). */
  setup: string;
  /** The variables the setup refers to (POMS_DATASET…), exported before it runs. */
  setupEnv: Array<[string, string]>;
  /** POMS's variables for the wrapper and jobs, exported after the setup. */
  env: Array<[string, string]>;
  /** argv of the launch command. */
  words: string[];
  /** The launch command line: `words`, each quoted. */
  command: string;
  siteProfile: { beforeSetup: string[]; afterSetup: string[] };
  credentials: Pick<LaunchCredentials, 'env' | 'lines' | 'cleanup' | 'secret'>;
}

export function buildLaunchPlan(input: LaunchPlanInput): LaunchPlan {
  const group = groupFor(input.experiment);
  const values = launchSubstitutions({
    keywords: input.campaign.keywords,
    dataset: input.dataset,
    version: input.stage.softwareVersion,
    group,
    experimenter: input.experimenter,
    experiment: input.experiment,
  });
  const parameters = mergeParameters({
    definitionParameters: input.jobType.definitionParameters,
    mergeOverrides: input.stage.mergeOverrides,
    campaignDefaultOverrides: input.campaign.defaultParamOverrides,
    stageOverrides: input.stage.paramOverrides,
    launchOverrides: input.launchOverrides,
    testOverrides: input.stage.testParamOverrides,
    testLaunch: input.testLaunch,
  });
  const words = buildLaunchWords(input.jobType.launchScript, parameters, values.command);
  const setup = renderSetup(input.loginSetup.setup, SETUP_VARIABLES, {
    where: 'login setup',
    field: 'launch_setup',
  });
  const env = pomsLaunchEnv({
    stage: input.stage,
    campaign: input.campaign,
    submissionId: input.submissionId,
    parentSubmissionId: input.parentSubmissionId,
    testFlag: input.testLaunch || input.campaign.type === 'test',
    launcher: input.launcher,
    pomsTest: input.pomsTest,
    jobTypeId: input.jobType.id,
    group,
    callbackUrl: input.callbackUrl,
  });
  env.push(...(input.extraEnv ?? []).map(([n, v]) => [n, v] as [string, string]));
  checkEnvNames(env);
  return {
    dataset: values.setup.dataset,
    setup,
    setupEnv: setupEnv(values.setup),
    env,
    words,
    command: shellQuoteWords(words),
    siteProfile: {
      beforeSetup: [...(input.siteProfile?.beforeSetup ?? [])],
      afterSetup: [...(input.siteProfile?.afterSetup ?? [])],
    },
    credentials: {
      env: [...(input.credentials?.env ?? [])],
      lines: [...(input.credentials?.lines ?? [])],
      cleanup: [...(input.credentials?.cleanup ?? [])],
      secret: [...(input.credentials?.secret ?? [])],
    },
  };
}
