import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import type { FileAccounting } from '../../domain/files/file-accounting.js';

// What the file pages ask of an experiment's data service (the part of data-handling.ts that
// browses files): a page of a query's files, one file's metadata and lineage, whether it is a
// submission's output (the attribution rule) and which submissions' projects were handed it.
// SAM answers in dimensions (sam/sam-file-browsing.ts); MetaCat + Data Dispatcher + Rucio in MQL,
// handle states and replicas (metacat/metacat-file-browsing.ts).

/** A number of a submission's file report (FileAccounting without its flag). */
export type ReportColumn = Exclude<keyof FileAccounting, 'incomplete'>;

/** One page of files, and how many there are in all. */
export interface FilePage {
  total: number;
  items: string[];
}

/** A file as the catalogue knows it. */
export interface CatalogueFile {
  name: string;
  metadata: Array<[string, string]>;
  parents: string[];
  children: string[];
  /** Where it has a replica (SAM locations, Rucio storage elements). */
  locations: string[];
  created: Date | null;
  version: string | null;
  /** The submission its metadata names (the attribution parameter), else null. */
  named: number | null;
}

/** A submission whose project may have been handed a file. */
export interface DeliveryCandidate {
  submission_id: number;
  project: string | null;
  dd_project_id: number | string | null;
}

export interface Delivery {
  submission_id: number;
  /** Its project processed the file (SAM consumed/completed, DD done). */
  consumed: boolean;
}

/**
 * Every method rejects with AdapterError when the service cannot answer (the caller turns it into
 * a 503, or a 400 for a query the service refused).
 */
export interface FileBrowsing {
  /** What its queries are written in, as the pages name it. */
  readonly language: string;
  /** The metadata parameter naming the producing submission (null: lineage and lifetime only). */
  readonly attributionParam: string | null;
  /** Most submissions whose projects are asked about one file (each costs calls). */
  readonly deliveryCandidates: number;
  /** Which submissions' rows hold its project: SAM's `project`, or the DD project id. */
  readonly projectColumn: 'project' | 'dd_project_id';
  page(experiment: string, query: string, offset: number, limit: number): Promise<FilePage>;
  /** null: no such file. */
  file(experiment: string, name: string): Promise<CatalogueFile | null>;
  /** Whether the file is among `row`'s attributed outputs (any location). */
  isOutputOf(experiment: string, file: CatalogueFile, row: SubmissionListRow): Promise<boolean>;
  deliveries(
    experiment: string,
    file: CatalogueFile,
    candidates: readonly DeliveryCandidate[],
  ): Promise<Delivery[]>;
  /**
   * The files behind one number of a submission's report, one page, with the query they were
   * found by when there is one; null: that number has no file list here.
   */
  columnPage(
    row: SubmissionListRow,
    column: ReportColumn,
    offset: number,
    limit: number,
  ): Promise<(FilePage & { query: string | null }) | null>;
}
