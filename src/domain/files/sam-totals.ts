// Totals from a SAM project summary (`projects/name/<P>/summary?format=json&process_limit=0`).

export type ConsumedStatus =
  | 'unknown'
  | 'delivered'
  | 'consumed'
  | 'completed'
  | 'skipped'
  | 'failed'
  | 'cancelled'
  | 'transferred'
  | 'unconsumed';

export interface SamProjectSummary {
  project_status?: string;
  dataset_def_name?: string;
  files_in_snapshot?: number;
  file_counts?: Partial<Record<ConsumedStatus, number>>;
  process_counts?: Record<string, number>;
  processes?: Array<{ status: string; counts: Partial<Record<ConsumedStatus, number>> }>;
  [extra: string]: unknown;
}

/** File counts by outcome, and consumer processes (jobs). All non-negative integers. */
export interface SamTotals {
  /** consumed + completed (both are success). */
  consumed: number;
  cancelled: number;
  failed: number;
  /** skipped + unconsumed (released without being processed). */
  skipped: number;
  /** Still with a process: delivered + transferred. */
  delivered: number;
  /** In the snapshot, never delivered. */
  unknown: number;
  jobs: number;
  /** Processes that ended other than `completed` (still `active` ones are not failures). */
  jobFails: number;
}

/** Missing, negative or non-numeric counts read as 0; fractions are truncated. */
export const samCount = (n: unknown): number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;

type Counts = Partial<Record<ConsumedStatus, number>>;

function fileTotals(c: Counts) {
  return {
    consumed: samCount(c.consumed) + samCount(c.completed),
    cancelled: samCount(c.cancelled),
    failed: samCount(c.failed),
    skipped: samCount(c.skipped) + samCount(c.unconsumed),
    delivered: samCount(c.delivered) + samCount(c.transferred),
    unknown: samCount(c.unknown),
  };
}

const ENDED_OK_OR_RUNNING = new Set(['completed', 'active']);

/**
 * File counts come from the project-level `file_counts` when present, else from the per-process
 * counts summed. Jobs come from `processes` when present (count, and those not completed/active),
 * else from `process_counts` (`completed` = jobs; other statuses except `active` = failures).
 */
export function samTotals(summary: SamProjectSummary): SamTotals {
  const processes = Array.isArray(summary.processes) ? summary.processes : null;
  let files: Counts = summary.file_counts ?? {};
  if (!summary.file_counts && processes) {
    const summed: Record<string, number> = {};
    for (const p of processes) {
      for (const [k, v] of Object.entries(p.counts ?? {})) summed[k] = (summed[k] ?? 0) + samCount(v);
    }
    files = summed;
  }
  let jobs: number;
  let jobFails: number;
  if (processes) {
    jobs = processes.length;
    jobFails = processes.filter((p) => !ENDED_OK_OR_RUNNING.has(p.status)).length;
  } else {
    const pc = summary.process_counts ?? {};
    jobs = samCount(pc.completed);
    jobFails = Object.entries(pc)
      .filter(([k]) => !ENDED_OK_OR_RUNNING.has(k))
      .reduce((sum, [, v]) => sum + samCount(v), 0);
  }
  return { ...fileTotals(files), jobs, jobFails };
}
