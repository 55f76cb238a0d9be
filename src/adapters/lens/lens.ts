// The Lens port (Landscape GraphQL, external-apis.md 3): what POMS asks the monitoring service.
import type { AdapterError } from '../adapter-error.js';
import type { HealthReport } from '../http/health-report.js';
import type { LensEntry, LensJob, LensKey } from './query/index.js';

export type { LensEntry, LensJob, LensKey };

/** Submissions with a state change between `from` and `to` (default: now). */
export interface LensWindow {
  from: Date;
  to?: Date | 'now';
}

/** A submission as listed by query 1. */
export type LensSummary = Pick<LensEntry, 'id' | 'pomsTaskID' | 'env'>;

/** One key of a batched lookup: its entry, or why there is none. */
export interface LensItem {
  key: LensKey;
  /** null when Lens has no such submission (then `error` says so when Lens said so). */
  entry: LensEntry | null;
  /** The GraphQL errors for this key: `not_found` ("no submission found…") or `rejected`. */
  error?: AdapterError;
}

/**
 * Every method rejects with AdapterError: `unavailable`/`timeout` once retries are spent,
 * `rejected` for GraphQL errors about the whole document, `malformed` for an answer that is not the
 * GraphQL response asked for (raw text kept).
 */
export interface Lens {
  /** Query 1: the group's submissions (group = experiment, `samdev` → `fermilab`, the caller's job). */
  recentSubmissions(group: string, window?: LensWindow): Promise<LensSummary[]>;
  /** Query 2: one submission's counts (by jobsub id `C.0@schedd` or POMS task id); null if unknown. */
  submission(key: LensKey): Promise<LensEntry | null>;
  /** Query 3: the SAM project named by the submission's args or env; null if the submission is unknown. */
  submissionProject(key: LensKey): Promise<{ entry: LensEntry; project: string | null } | null>;
  /** The submission's jobs with exit codes and hold reasons; null if the submission is unknown. */
  submissionJobs(key: LensKey): Promise<LensJob[] | null>;
  /** Query 5: many submissions with aliases, in batches; one item per key, in order. */
  submissions(keys: LensKey[]): Promise<LensItem[]>;
  /** Whether Lens answers a small query; never throws. */
  health(): Promise<HealthReport>;
}
