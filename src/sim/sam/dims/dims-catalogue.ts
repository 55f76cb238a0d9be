// What the dimension engine reads from the simulator's SAM storage. The storage implements this;
// the engine never writes.

import type { DimsIndex } from './dims-index.js';

export interface SimFile {
  name: string;
  /** SAM file_id; results are ordered by it. */
  id: number;
  /** application.version */
  version?: string;
  createDate: Date;
  endTime?: Date;
  /** [run, subrun] pairs from the file metadata. */
  runs: Array<[number, number]>;
  dataTier?: string;
  /** true when the file has at least one location (SAM "physical"). */
  located: boolean;
  /** Retired files never match any dimension. */
  retired?: boolean;
  /** Experiment-defined `category.param` metadata (lower-case keys), as text. */
  params?: Record<string, string>;
}

export interface DimsCatalogue {
  allFiles(): Iterable<SimFile>;
  /** The file of that name (retired or not); without it the engine builds a name map per query. */
  file?(name: string): SimFile | undefined;
  /** How many files (retired or not); without it the engine counts them per query. */
  fileCount?(): number;
  /** Indexes of the live files; without them every dimension is answered by a scan. */
  dimsIndex?(): DimsIndex;
  /** Whether SAM defines the `category.param` metadata parameter; absent: every one is. */
  parameterDefined?(key: string): boolean;
  /** Dimension text of a stored definition, undefined when there is none. */
  definition(name: string): string | undefined;
  /** File names of a frozen snapshot, in snapshot order. */
  snapshot(id: number): string[] | undefined;
  projectSnapshot(project: string): string[] | undefined;
  /** Per-file consumed status inside a project (`consumed`, `failed`, …). */
  projectFileStatus(project: string): ReadonlyMap<string, string> | undefined;
  /**
   * Every project name. Optional: only `consumed_status` without a sibling `project_name` /
   * `snapshot_for_project_name` needs it (it then spans all projects); without it that form is an error.
   */
  projectNames?(): Iterable<string>;
  parentsOf(fileName: string): string[];
  childrenOf(fileName: string): string[];
}
