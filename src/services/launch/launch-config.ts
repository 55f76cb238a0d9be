import type { DataServiceKind } from '../../domain/files/data-service-kind.js';
import type { ParamPair } from '../../domain/launch/index.js';

/** Everything a launch needs about a stage, with campaign defaults already applied. */
export interface StageLaunchConfig {
  experiment: string;
  /** Experiment-wide hold (superuser): every launch is queued. */
  experimentHeld: boolean;
  /** Where the experiment's files are: SAM, or MetaCat + Data Dispatcher + Rucio. */
  dataService: DataServiceKind;
  campaign: {
    id: number;
    name: string;
    type: string | null;
    keywords: Record<string, string>;
    defaultParamOverrides: ParamPair[];
  };
  stage: {
    id: number;
    name: string;
    type: string;
    voRole: string;
    softwareVersion: string;
    dataset: string;
    splitType: string | null;
    splitCursor: number | null;
    testSplitType: string | null;
    testSplitCursor: number | null;
    paramOverrides: ParamPair[];
    testParamOverrides: ParamPair[];
    mergeOverrides: boolean;
    completionType: 'located' | 'complete';
    completionPct: number;
    outputAncestorDepth: number;
    defaultClearCronjob: boolean;
    heldBy: number | null;
    creatorUsername: string | null;
    creatorRole: string;
    cronSchedule: string | null;
  };
  jobType: {
    id: number;
    name: string;
    launchScript: string;
    parameters: ParamPair[];
    outputFilePatterns: string;
    recoveries: Array<{ type: string; paramOverrides: ParamPair[] }>;
  };
  /** `host` without the optional `:port` of the login setup (then in `port`). */
  loginSetup: {
    id: number;
    name: string;
    host: string;
    port?: number;
    account: string;
    setup: string;
    creatorRole: string;
    active: boolean;
  };
}
