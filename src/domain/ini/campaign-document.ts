// The typed content of a campaign .ini file. Parsing and writing keep `%(kw)s` text untouched:
// keyword substitution happens at launch. Names (campaign, stages, job types, login setups) are
// trimmed single-line strings.

import type { RecoveryType } from '../recovery/recovery-types.js';

export type VoRole = 'Production' | 'Analysis';
export type CompletionType = 'located' | 'complete';
export type StageType = 'regular' | 'generator' | 'approval' | 'datatransfer' | 'test';

/**
 * Ordered `[option, value]` pairs, appended to the launch script as `option + value` (no blank
 * added). A one-element entry `[option]` occurs in real files; it is kept as written (parsing warns).
 */
export type ParamPairs = string[][];

/**
 * A stage's settings, every one optional: absent means "inherit from [campaign_defaults]" (an empty
 * value in the file is absent too). `null` in the three split/dataset fields is the explicit `None`.
 */
export interface StageFields {
  voRole?: VoRole;
  softwareVersion?: string;
  /** Input dataset, or split data (list, JSON for multiparam, SAM project for stagedfiles). */
  datasetOrSplitData?: string | null;
  csSplitType?: string | null;
  /** Split type for test launches (not in the original format): absent = use csSplitType. */
  testSplitType?: string | null;
  completionType?: CompletionType;
  /** Percent, 0 < pct ≤ 100. */
  completionPct?: number;
  paramOverrides?: ParamPairs;
  testParamOverrides?: ParamPairs;
  /** True: the campaign defaults' param_overrides come before the stage's at launch. */
  mergeOverrides?: boolean;
  loginSetup?: string;
  jobType?: string;
  stageType?: StageType;
  /** Whole number ≥ 1: SAM parentage levels between input and output files. */
  outputAncestorDepth?: number;
  defaultClearCronjob?: boolean;
  /** Whole hours, 1–720: no file located for this long flags the stage stalled (issue 18). */
  stallHours?: number;
}

export interface StageDocument extends StageFields {
  name: string;
}

export interface CampaignInfo {
  name: string;
  /** As exported by the original; the importer decides whether it matters. */
  experiment?: string;
  pomsRole?: string;
  /** `Active` / `Inactive` on export; informational. */
  state?: string;
  /** `%(key)s` substitutions; read from [campaign] and [campaign_defaults], written in [campaign]. */
  keywords: Record<string, string>;
  /** `campaign_stage_list` as written: a hint only, the [campaign_stage] sections are the truth. */
  stageListHint: string[];
}

/** GUI node position; the campaign node's id is `campaign <name>`. */
export interface NodePosition {
  id: string;
  x: number;
  y: number;
}

export interface LoginSetupDocument {
  name: string;
  host: string;
  account: string;
  /** Shell text run after login; may span several lines. */
  setup: string;
}

export interface RecoveryDocument {
  recoveryType: RecoveryType;
  paramOverrides: ParamPairs;
}

export interface JobTypeDocument {
  name: string;
  launchScript: string;
  parameters: ParamPairs;
  /** Comma-separated file-name LIKE patterns; absent = the importer's default (`%`). */
  outputFilePatterns?: string;
  recoveries: RecoveryDocument[];
}

/** Stage `downstream` is launched on the output files of `upstream` that match `filePattern`. */
export interface DependencyDocument {
  downstream: string;
  upstream: string;
  /** SAM `file_name like` pattern, or a raw dimension fragment when it contains a blank. */
  filePattern: string;
}

export interface CampaignDocument {
  campaign: CampaignInfo;
  defaults: StageFields;
  nodePositions: NodePosition[];
  stages: StageDocument[];
  loginSetups: LoginSetupDocument[];
  jobTypes: JobTypeDocument[];
  /** In file order; one [dependencies X] section per downstream stage keeps them grouped. */
  dependencies: DependencyDocument[];
}
