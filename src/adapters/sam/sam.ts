// The SAM port (samweb HTTP API, external-apis.md 2): what POMS asks the file catalogue.
import type { SamProjectSummary } from '../../domain/files/sam-totals.js';
import type { HealthReport } from '../http/health-report.js';

export type { SamProjectSummary };

/** samweb file metadata (external-apis.md 2.4); experiment-defined `Category.param` keys pass through. */
export interface SamFileMetadata {
  file_name: string;
  file_id?: number;
  create_date?: string;
  data_tier?: string;
  application?: { family?: string; name?: string; version?: string };
  parents?: Array<{ file_name: string; file_id?: number }>;
  /** `[run, subrun, run_type]` triples. */
  runs?: Array<[number, number, string?]>;
  [param: string]: unknown;
}

export interface SamDefinition {
  name: string;
  dims: string;
  user?: string;
  group?: string;
  createDate?: string;
  description?: string;
}

export interface CreateDefinitionOptions {
  /** SAM user owning the definition; default the client's (POMS uses `sam`). */
  user?: string;
  /** Default: the experiment. */
  group?: string;
  description?: string;
  /** On 409 (name taken): fail with `conflict` (default), or delete the old one and create again. */
  onConflict?: 'fail' | 'replace';
}

export type LineageKind = 'parents' | 'children';

/**
 * Every method rejects with AdapterError on failure: `not_found` for an unknown definition, file or
 * project where no null is promised, `conflict` for a taken definition name, `unavailable`/`timeout`
 * once retries are spent, `rejected` for other refusals, `malformed` for an answer that is not samweb's.
 */
export interface Sam {
  /**
   * The metadata parameter POMS's jobs put the submission id in (`[sam] attribution_param`); null
   * when this SAM does not define one (attribution by lineage and lifetime only, docs/numbers.md).
   */
  readonly attributionParam: string | null;
  /** Names of the metadata parameters the experiment's SAM defines (`samweb list-parameters`). */
  listParameters(experiment: string): Promise<string[]>;
  /** File names matching `dims`, in SAM's order. */
  listFiles(experiment: string, dims: string): Promise<string[]>;
  /** Number of files matching `dims`; an unknown defname is `not_found`, SAM's query limit `rejected`. */
  countFiles(experiment: string, dims: string): Promise<number>;
  /** null when SAM has no such file. */
  fileMetadata(experiment: string, fileName: string): Promise<SamFileMetadata | null>;
  /** Names of the file's direct parents or children. */
  fileLineage(experiment: string, fileName: string, kind: LineageKind): Promise<string[]>;
  createDefinition(
    experiment: string,
    name: string,
    dims: string,
    opts?: CreateDefinitionOptions,
  ): Promise<void>;
  /** null when there is no such definition. */
  describeDefinition(experiment: string, name: string): Promise<SamDefinition | null>;
  /** SAM refuses to delete a definition a project has used (`rejected` or `conflict`). */
  deleteDefinition(experiment: string, name: string): Promise<void>;
  /** Freezes the definition's current files; returns the snapshot id. */
  takeSnapshot(experiment: string, defname: string, group?: string): Promise<number>;
  /** Summary without the per-process list (`process_limit=0`); null when there is no such project. */
  projectSummary(experiment: string, project: string): Promise<SamProjectSummary | null>;
  /** SAM's dims for the files still to process ('' = nothing left). */
  recoveryDimensions(experiment: string, project: string, opts: { useProcess: boolean }): Promise<string>;
  setProjectDescription(experiment: string, project: string, text: string): Promise<void>;
  /** Whether the experiment's samweb answers; never throws. */
  health(experiment: string): Promise<HealthReport>;
}
