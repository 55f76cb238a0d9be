// A SAM project as stored: its frozen snapshot, the consumer processes and each file's consumed
// status (external-apis.md 2.2 lifecycle, 2.4 vocabulary). Times in ms since the epoch.

export type ProcessStatus = 'active' | 'completed' | 'bad';
export type FileConsumedStatus = 'delivered' | 'consumed' | 'completed' | 'skipped' | 'failed' | 'cancelled';

export interface SamProcess {
  id: number;
  status: ProcessStatus;
  appname: string;
  appversion: string;
  node: string;
  user: string;
  /** Most files this process may be given (samweb `filelimit`); absent = no limit. */
  filelimit?: number;
  /** File names handed to this process, in order. */
  delivered: string[];
  startMs: number;
  endMs?: number;
  /** Batch job running this process (`C.P@schedd`), for inspection. */
  jobId?: string;
}

export interface SamProject {
  id: number;
  name: string;
  station: string;
  group: string;
  user: string;
  /** Input definition (summary `dataset_def_name`); absent when started from a snapshot id. */
  defname?: string;
  snapshotId: number;
  status: 'running' | 'completed';
  startMs: number;
  endMs?: number;
  description?: string;
  /** Snapshot files in delivery order. */
  files: string[];
  /** Index in `files` of the next file to hand out. */
  next: number;
  /** Consumed status of every file handed out (absent = `unknown`). */
  fileStatus: Record<string, { status: FileConsumedStatus; processId: number }>;
  processes: SamProcess[];
}
