export { toParamPairs, type ParamPair, type ParamPairsInput } from './param-pairs.js';
export {
  mergeParameters,
  type MergedParameter,
  type ParameterSource,
  type ParameterSources,
} from './merge-parameters.js';
export { launchSubstitutions, type SubstitutionInput, type Substitutions } from './launch-substitutions.js';
export { buildLaunchWords, parameterWords } from './launch-words.js';
export {
  groupFor,
  legacyCampaignName,
  pomsLaunchEnv,
  checkEnvNames,
  type PomsEnvInput,
} from './poms-launch-env.js';
export { buildLaunchPlan, type LaunchPlan, type LaunchPlanInput, type SiteProfile } from './launch-plan.js';
export { buildLaunchScript, buildPreview } from './launch-script.js';
export { checkDatasetName, datasetNameProblem } from './dataset-name.js';
export {
  launchAuthority,
  launchRoleOf,
  loginSetupAccountProblem,
  loginSetupUseProblem,
  type LaunchAuthority,
  type LaunchRole,
} from './launch-authority.js';
