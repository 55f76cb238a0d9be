// The per-submission file report, and its sums for a stage or campaign.

import { samCount, samTotals, type SamProjectSummary } from './sam-totals.js';

export interface FileAccountingInput {
  /** null = no SAM project, or SAM did not answer. */
  summary: SamProjectSummary | null;
  /** Counts of the stats dims; null = not counted (SAM did not answer). */
  outputsDeclared: number | null;
  outputsLocated: number | null;
  /** allKidsDims(…, 'physical'): input files with a located own output for every pattern. */
  inputsWithOutputsLocated: number | null;
}

/**
 * All file counts. Identities, by construction:
 * delivered = consumed + failed + skipped + cancelled + stillDelivered;
 * pending = submitted − inputs with all outputs located (never below 0).
 */
export interface FileAccounting {
  submitted: number;
  delivered: number;
  consumed: number;
  failed: number;
  skipped: number;
  cancelled: number;
  stillDelivered: number;
  unknown: number;
  outputsDeclared: number;
  outputsLocated: number;
  pending: number;
  /** A source was unavailable: its numbers are shown as 0. */
  incomplete: boolean;
}

export const ACCOUNTING_COUNTS = [
  'submitted',
  'delivered',
  'consumed',
  'failed',
  'skipped',
  'cancelled',
  'stillDelivered',
  'unknown',
  'outputsDeclared',
  'outputsLocated',
  'pending',
] as const satisfies ReadonlyArray<keyof FileAccounting>;

export function fileAccounting(input: FileAccountingInput): FileAccounting {
  const t = input.summary ? samTotals(input.summary) : null;
  const submitted = samCount(input.summary?.files_in_snapshot);
  const consumed = t?.consumed ?? 0;
  const failed = t?.failed ?? 0;
  const skipped = t?.skipped ?? 0;
  const cancelled = t?.cancelled ?? 0;
  const stillDelivered = t?.delivered ?? 0;
  const withOutputs = Math.min(samCount(input.inputsWithOutputsLocated), submitted);
  return {
    submitted,
    delivered: consumed + failed + skipped + cancelled + stillDelivered,
    consumed,
    failed,
    skipped,
    cancelled,
    stillDelivered,
    unknown: t?.unknown ?? 0,
    outputsDeclared: samCount(input.outputsDeclared),
    outputsLocated: samCount(input.outputsLocated),
    pending: input.inputsWithOutputsLocated === null ? 0 : submitted - withOutputs,
    incomplete:
      input.summary === null ||
      input.outputsDeclared === null ||
      input.outputsLocated === null ||
      input.inputsWithOutputsLocated === null,
  };
}

/**
 * The per-submission columns the rollups (progress, overview), the CLI and the compatibility API
 * read, taken from the same counts as the report and stored with them, so every page agrees:
 * files_located = input files done = submitted − pending. Null when some number is unknown (a SAM
 * call refused: the columns keep their last complete count) or the project has no files (the data
 * service does not know it yet: the submission stays "uncounted", its files still to come).
 */
export interface CountColumns {
  files_submitted: number;
  files_consumed: number;
  files_located: number;
}

export const countColumns = (a: FileAccounting): CountColumns | null =>
  a.incomplete || a.submitted === 0
    ? null
    : { files_submitted: a.submitted, files_consumed: a.consumed, files_located: a.submitted - a.pending };

/**
 * What a stage's or campaign's totals mean, shown with them (page and JSON twin). Outputs are
 * attributed to exactly one submission (attribution.ts), so their sums are distinct files.
 */
export const TOTALS_MEANING =
  'Outputs are distinct files: each output file belongs to exactly one submission (its own jobs made it), so a file counts once however many submissions touched its parent. Input columns (and Pending) count per submission: a file delivered to a launch and to its recovery or a re-run counts once in each.';

/** Stage or campaign totals: field-wise sums (the identities still hold). */
export function sumAccounting(list: readonly FileAccounting[]): FileAccounting {
  const total = fileAccounting({
    summary: null,
    outputsDeclared: 0,
    outputsLocated: 0,
    inputsWithOutputsLocated: 0,
  });
  total.incomplete = false;
  for (const a of list) {
    for (const k of ACCOUNTING_COUNTS) total[k] += a[k];
    total.incomplete ||= a.incomplete;
  }
  return total;
}
