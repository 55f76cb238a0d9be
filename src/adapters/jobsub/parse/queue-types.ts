/** `substr("UIRXCHE", JobStatus, 1)`; `S` (suspended, 7) only exists in the totals. */
export type JobStatusLetter = 'U' | 'I' | 'R' | 'X' | 'C' | 'H' | 'E' | 'S';

export const JOB_STATUS_LETTERS: readonly JobStatusLetter[] = ['U', 'I', 'R', 'X', 'C', 'H', 'E', 'S'];

export interface QueueRow {
  /** `<cluster>.<proc>@<schedd>` */
  jobId: string;
  /** Empty for DAG nodes, whose owner column shows ` |-<dagNode>`. */
  owner: string;
  dagNode?: string;
  submitted: Date;
  runtimeSec: number;
  status: JobStatusLetter;
  prio: number;
  sizeMb: number;
  /** JobsubCmd or Cmd. A parsed row holds the rest of the line, arguments included. */
  command: string;
  /** Printed after the command, cut to 20 characters; only used when formatting. */
  args?: string;
}

export interface QueueTotals {
  total: number;
  completed: number;
  removed: number;
  idle: number;
  running: number;
  held: number;
  suspended: number;
}

export interface QueueTextOptions {
  /** Offset of the schedd's local time from UTC, in minutes (submit times have no zone). Default 0. */
  utcOffsetMinutes?: number;
}
