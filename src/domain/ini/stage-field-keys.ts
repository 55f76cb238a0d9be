import type { StageFields } from './campaign-document.js';

/** Stage keys in the order the writer emits them (the same for [campaign_defaults]). */
export const STAGE_FIELD_KEYS = [
  'vo_role',
  'software_version',
  'dataset_or_split_data',
  'cs_split_type',
  'test_split_type',
  'completion_type',
  'completion_pct',
  'param_overrides',
  'test_param_overrides',
  'merge_overrides',
  'login_setup',
  'job_type',
  'stage_type',
  'output_ancestor_depth',
  'default_clear_cronjob',
  'stall_hours',
] as const;

export type StageFieldKey = (typeof STAGE_FIELD_KEYS)[number];

/** The .ini key of each StageFields property, and back. */
export const STAGE_FIELD_PROP: Readonly<Record<StageFieldKey, keyof StageFields>> = {
  vo_role: 'voRole',
  software_version: 'softwareVersion',
  dataset_or_split_data: 'datasetOrSplitData',
  cs_split_type: 'csSplitType',
  test_split_type: 'testSplitType',
  completion_type: 'completionType',
  completion_pct: 'completionPct',
  param_overrides: 'paramOverrides',
  test_param_overrides: 'testParamOverrides',
  merge_overrides: 'mergeOverrides',
  login_setup: 'loginSetup',
  job_type: 'jobType',
  stage_type: 'stageType',
  output_ancestor_depth: 'outputAncestorDepth',
  default_clear_cronjob: 'defaultClearCronjob',
  stall_hours: 'stallHours',
};

/** Keys a stage must have after defaults (and built-in fallbacks) before it can be saved. */
export const REQUIRED_STAGE_FIELDS: readonly StageFieldKey[] = [
  'completion_pct',
  'completion_type',
  'dataset_or_split_data',
  'job_type',
  'login_setup',
  'software_version',
  'vo_role',
];

export function isStageFieldKey(key: string): key is StageFieldKey {
  return (STAGE_FIELD_KEYS as readonly string[]).includes(key);
}
