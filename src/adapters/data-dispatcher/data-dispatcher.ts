// The Data Dispatcher port (external-apis.md 4.3): projects that hand a query's files to workers
// (jobs) and record what each did. A file handle is `initial` (waiting), `reserved` (by a worker),
// `done` or `failed`; a project is `active` until every handle is done or failed (`done`, or `failed`
// when some failed), or `cancelled` / `abandoned` (idle too long).
import type { HealthReport } from '../http/health-report.js';

export const HANDLE_STATES = ['initial', 'reserved', 'done', 'failed'] as const;
export type HandleState = (typeof HANDLE_STATES)[number];
export type ProjectState = 'active' | 'done' | 'failed' | 'cancelled' | 'abandoned';

export interface DdHandle {
  namespace: string;
  name: string;
  state: HandleState;
  workerId: string | null;
  attempts: number;
}

export interface DdProject {
  projectId: number;
  owner: string;
  state: ProjectState;
  attributes: Record<string, unknown>;
  /** The MQL the project was made from (informational for DD). */
  query: string | null;
  /** Epoch seconds. */
  createdTimestamp: number;
  endedTimestamp: number | null;
  /** Present when files were asked for. */
  handles?: DdHandle[];
}

export interface CreateProjectOptions {
  query?: string;
  attributes?: Record<string, unknown>;
  /** Seconds a worker may hold a file before it is released; null = none. */
  workerTimeoutS?: number | null;
  /** Seconds without activity before the project is abandoned; DD's default is 72 h. */
  idleTimeoutS?: number | null;
}

export type NextFile = { handle: DdHandle } | { handle: null; retry: boolean; reason: string };

/**
 * Every method rejects with AdapterError on failure: `rejected` for missing/refused credentials
 * (401/403) and refusals (400), `not_found` for an unknown project or handle where no null is
 * promised, `unavailable`/`timeout` once retries are spent, `malformed` for an answer not DD's.
 */
export interface DataDispatcher {
  /** `files` as `ns:name` DIDs; needs the token. */
  createProject(files: readonly string[], opts?: CreateProjectOptions): Promise<DdProject>;
  /** With its handles; null when there is no such project. */
  project(projectId: number): Promise<DdProject | null>;
  /** Puts the handles in the given states (or the named DIDs) back to `initial`. */
  restartHandles(
    projectId: number,
    which: { failed?: boolean; done?: boolean; reserved?: boolean } | { handles: readonly string[] },
  ): Promise<DdProject>;
  cancelProject(projectId: number): Promise<DdProject>;
  /** Worker side: reserve the next file for `workerId`. */
  nextFile(projectId: number, workerId: string, cpuSite?: string): Promise<NextFile>;
  /** Worker side: release a reserved file as done, or failed (retry: back to initial). */
  release(
    projectId: number,
    did: string,
    workerId: string,
    outcome: { failed: boolean; retry?: boolean },
  ): Promise<DdHandle>;
  health(): Promise<HealthReport>;
}
