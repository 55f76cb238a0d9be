import type { DataServiceKind } from '../files/data-service-kind.js';

/**
 * The query text split types need, in the experiment's catalogue language: SAM dimensions
 * (files/sam-split-dims.ts) or MetaCat MQL (files/mql/split-mql.ts). Split types decide what to
 * slice and keep the cursor; the dialect only writes the text. `ds` is the stage's dataset field
 * (a SAM definition, or a MetaCat `ns:name` dataset); `last` is a snapshot cursor, 0 for none.
 */
export interface SplitDialect {
  readonly service: DataServiceKind;
  /** Files n·k … n·k+n−1 in file order (`nfiles`). */
  slice(ds: string, n: number, offset: number): string;
  /** The first n files (`limitn`). */
  first(ds: string, n: number): string;
  /** Every n-th file starting at k (`mod`). */
  stride(ds: string, n: number, k: number): string;
  /** The dataset's files not in snapshot `last` (all of them when 0). */
  undelivered(ds: string, last: number): string;
  /** At most n files of `query`, in file order. */
  limit(query: string, n: number): string;
  /** The dataset's files of one run (`byrun`). */
  run(ds: string, run: number): string;
  /** The files of `query` (as `undelivered` wrote it for `last`) in run.subrun (`byexistingruns`). */
  runSubrun(query: string, last: number, run: number, subrun: number): string;
  /** Files whose end time is in (start, end], epoch seconds, written in `zone` where it matters (`new`). */
  endTimeWindow(ds: string, start: number, end: number, zone: string): string;
  /**
   * Files a prestaging project delivered and consumed, not in snapshot `last`, at most n. `consumed`:
   * those files as the port listed them (SplitSam.stagedFiles), for a language that cannot name a
   * project's consumed files itself (MQL: Data Dispatcher states); null: not expressible without it.
   */
  staged(project: string, last: number, n: number, consumed?: readonly string[]): string | null;
  /** The prefix of the names stagedfiles defines for `project` (MetaCat names need a namespace). */
  stagedName(project: string): string;
  /** The files of two snapshots together (the cursor of the accumulating types). */
  snapshotUnion(a: number, b: number): string;
}
