import {
  buildLaunchPlan,
  launchAuthority,
  type LaunchPlan,
  type SiteProfile,
} from '../../domain/launch/index.js';
import type { LaunchCredentials } from '../../domain/credentials/index.js';
import type { StageLaunchConfig } from './launch-config.js';
import type { LaunchRequest } from './launch-request.js';

/** The settings a stage's launch plan takes from the deployment (see LaunchServiceDeps). */
export interface PlanSettings {
  callbackUrl?: string;
  pomsTest?: string;
  extraEnv?: ReadonlyArray<readonly [string, string]>;
  siteProfile?: SiteProfile;
  analysisLaunchHosts?: readonly string[];
}

/** The launch plan of `cfg` for one request: what a launch runs and a preview shows. */
export function stageLaunchPlan(
  s: PlanSettings,
  cfg: StageLaunchConfig,
  req: Pick<LaunchRequest, 'test' | 'paramOverrides' | 'parentSubmissionId'>,
  submissionId: number,
  dataset: string,
  launcher: string,
  credentials?: LaunchCredentials,
): LaunchPlan {
  return buildLaunchPlan({
    experiment: cfg.experiment,
    experimenter: launcher,
    launcher,
    campaign: {
      id: cfg.campaign.id,
      name: cfg.campaign.name,
      type: cfg.campaign.type,
      keywords: cfg.campaign.keywords,
      defaultParamOverrides: cfg.campaign.defaultParamOverrides,
    },
    stage: {
      id: cfg.stage.id,
      name: cfg.stage.name,
      type: cfg.stage.type,
      softwareVersion: cfg.stage.softwareVersion,
      paramOverrides: cfg.stage.paramOverrides,
      testParamOverrides: cfg.stage.testParamOverrides,
      mergeOverrides: cfg.stage.mergeOverrides,
    },
    jobType: {
      id: cfg.jobType.id,
      launchScript: cfg.jobType.launchScript,
      definitionParameters: cfg.jobType.parameters,
    },
    loginSetup: { setup: cfg.loginSetup.setup },
    submissionId,
    parentSubmissionId: req.parentSubmissionId ?? null,
    dataset,
    launchOverrides: req.paramOverrides ?? [],
    testLaunch: !!req.test,
    pomsTest: s.pomsTest ?? '1',
    callbackUrl: s.callbackUrl,
    extraEnv: s.extraEnv,
    siteProfile: s.siteProfile,
    credentials,
  });
}

/** Role and account of a launch of `cfg` for `launcher` (null: POMS itself); throws when a rule refuses it. */
export const stageLaunchAuthority = (s: PlanSettings, cfg: StageLaunchConfig, launcher: string | null) =>
  launchAuthority({
    experiment: cfg.experiment,
    stageCreatorRole: cfg.stage.creatorRole,
    loginSetup: cfg.loginSetup,
    launcher,
    analysisHosts: s.analysisLaunchHosts ?? [],
  });
