import { toParamPairs, type ParamPairsInput } from './param-pairs.js';

/** Where a parameter's final value came from (the stored field it was written in). */
export type ParameterSource =
  | 'definition_parameters'
  | 'campaign_defaults.param_overrides'
  | 'param_overrides'
  | 'launch_overrides'
  | 'test_param_overrides';

export interface MergedParameter {
  option: string;
  value: string;
  source: ParameterSource;
}

export interface ParameterSources {
  /** Job type definition_parameters. */
  definitionParameters?: ParamPairsInput;
  /** The stage's merge_overrides flag: include the campaign defaults' param_overrides. */
  mergeOverrides?: boolean;
  campaignDefaultOverrides?: ParamPairsInput;
  stageOverrides?: ParamPairsInput;
  /** Overrides given with this launch: a recovery's, or a held launch's. */
  launchOverrides?: ParamPairsInput;
  testOverrides?: ParamPairsInput;
  testLaunch: boolean;
}

/**
 * The job type's parameters with the overrides merged in, as the original does with an ordered map
 * keyed by the option text: a later pair replaces the value of an earlier one with the same option
 * but the option keeps its first position. Order: definition_parameters, campaign defaults (only
 * with merge_overrides), stage param_overrides, launch overrides, test_param_overrides (test launches
 * only), launch overrides again (so they win over test overrides). A pair with an empty value does
 * not remove the option: the option stays, with an empty value.
 */
export function mergeParameters(s: ParameterSources): MergedParameter[] {
  const merged = new Map<string, MergedParameter>();
  const apply = (input: ParamPairsInput, source: ParameterSource) => {
    for (const [option, value] of toParamPairs(input, source)) {
      const at = merged.get(option);
      if (at) Object.assign(at, { value, source });
      else merged.set(option, { option, value, source });
    }
  };
  apply(s.definitionParameters, 'definition_parameters');
  if (s.mergeOverrides) apply(s.campaignDefaultOverrides, 'campaign_defaults.param_overrides');
  apply(s.stageOverrides, 'param_overrides');
  apply(s.launchOverrides, 'launch_overrides');
  if (s.testLaunch) apply(s.testOverrides, 'test_param_overrides');
  apply(s.launchOverrides, 'launch_overrides');
  return [...merged.values()];
}
