import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import type { DependencyLaunch } from '../../domain/dependencies/dependency-plan.js';
import type { DataServiceKind } from '../../domain/files/data-service-kind.js';
import type { FileAccounting } from '../../domain/files/file-accounting.js';
import type { RecoveryType } from '../../domain/recovery/recovery-types.js';
import type { SubmissionContext } from '../tracking/submission-context.js';
import type { DeliveryCandidate, FileBrowsing } from './file-browsing.js';

// What everything above the adapters asks of an experiment's data service (DESIGN.md: "one
// interface"): Located's counts, recovery sets, the next stage's input, and the file numbers. SAM
// answers in dimensions (services/data/sam/), MetaCat + Data Dispatcher + Rucio in MQL and handle
// states (services/data/metacat/); the caller never sees either text except as an opaque `query`.

/** The counts Located is decided on (null = unknown), and whether they came from a project. */
export interface LocateCounts {
  filesConsumed: number | null;
  located: number | null;
  submitted: number | null;
  /** filesConsumed is the project's count (stored as files_consumed) rather than a job count. */
  fromProject: boolean;
}

/** A set of input files defined under a name a launch can run on (its dataset override). */
export interface DefinedInput {
  definition: string;
  /** The catalogue's text of the set (dims or MQL), for the submission's params and the pages. */
  query: string | null;
}

/** The recovery sets of one Located submission, counted lazily, each defined only when launched. */
export interface RecoverySets {
  count(type: RecoveryType): Promise<number>;
  /**
   * Defines the set `count` just counted; `index` is its ladder position. null: no set to define
   * (nothing to recover, or counting it failed before a query was made).
   */
  define(type: RecoveryType, index: number): Promise<DefinedInput | null>;
}

/** A recovery a person asked for: the exact files, and how to define them for a launch. */
export interface ManualRecovery {
  query: string | null;
  files: string[];
  define(): Promise<string>;
}

export type DependentLaunch = Extract<DependencyLaunch, { kind: 'dependent' }>;

/**
 * The catalogue's definition of one stage's files in flight (`poms_campaign_stage_active_<id>`,
 * kept by housekeeping): SAM `project_name '<p1>',…`; MetaCat the union of the in-flight Data
 * Dispatcher projects' input queries, as a named query in the experiment's namespace.
 */
export interface ActiveDefinitions {
  /** The text for these in-flight submissions (each with its project). */
  text(inFlight: readonly DeliveryCandidate[]): Promise<string>;
  /** Creates or replaces `name`. */
  write(experiment: string, name: string, text: string): Promise<void>;
  /** Removes `name` (gone already is fine). */
  remove(experiment: string, name: string): Promise<void>;
}

export interface DataHandling {
  readonly service: DataServiceKind;
  /** `needed`: the decision depends on them (else best effort, for the file reports). */
  locateCounts(ctx: SubmissionContext, needed: boolean): Promise<LocateCounts>;
  /** `located`: the submission that just became Located; `original`: the one its ladder belongs to. */
  recoverySets(located: SubmissionRow, original: SubmissionContext): RecoverySets;
  /** A person's recovery of one submission (preview or launch). */
  manualRecovery(ctx: SubmissionContext, type: RecoveryType): Promise<ManualRecovery>;
  /**
   * The downstream stage's input for one dependency of `original`; `skip` says why nothing is to
   * be launched (no files and no definition the jobs could still declare).
   */
  dependencyInput(
    plan: DependentLaunch,
    filePattern: string,
    original: SubmissionContext,
  ): Promise<DefinedInput | { skip: string }>;
  /** One submission's file numbers; throws DataOutage when the service cannot be reached. */
  countSubmissionFiles(row: SubmissionListRow): Promise<FileAccounting>;
  /** The file pages' questions. */
  readonly files: FileBrowsing;
  readonly activeDefinitions: ActiveDefinitions;
}

/** The service could not be reached (or timed out): stop asking for the rest of this request. */
export class DataOutage extends Error {}

/** An experiment's data handling, by its `data_service`. */
export type DataHandlingFor = (experiment: string) => Promise<DataHandling>;
