import type { GroupProgressRow } from '../../db/read-models/progress-read-model.js';
import { fileAccounting, sumAccounting, type FileAccounting } from '../../domain/files/file-accounting.js';
import { throughput, type Throughput } from './throughput.js';

/** Files of a stage or campaign, counted in input files (never jobs). */
export interface FileProgress {
  /** Input files of the original submissions (recoveries re-process a subset: not added). */
  submitted: number;
  consumed: number;
  /** Input files whose outputs are located. */
  done: number;
  /** submitted − done. */
  pending: number;
  /** done / submitted × 100, one decimal; null when nothing is counted yet. */
  pct: number | null;
  /** Submissions that may still run but have no file counts yet (their files are not in the totals). */
  uncounted: number;
}

export interface SubmissionCounts {
  total: number;
  running: number;
  held: number;
  failed: number;
  completed: number;
  located: number;
}

export interface GroupProgress {
  files: FileProgress;
  submissions: SubmissionCounts;
  throughput: Throughput;
  first_created: Date | null;
  last_change: Date | null;
}

const n = (v: number | string | null | undefined) => Number(v ?? 0);

/**
 * The file accounting of stored counts: the same function as the live file reports, so done +
 * pending = submitted here as there, and campaign sums equal the sum of the stages.
 */
export function accountingOf(row: GroupProgressRow | undefined): FileAccounting {
  return fileAccounting({
    summary: {
      files_in_snapshot: n(row?.files_submitted),
      file_counts: { consumed: n(row?.files_consumed) },
    },
    outputsDeclared: 0,
    outputsLocated: 0,
    inputsWithOutputsLocated: n(row?.files_done),
  });
}

export function filesOf(a: FileAccounting, uncounted: number): FileProgress {
  const done = a.submitted - a.pending;
  return {
    submitted: a.submitted,
    consumed: Math.min(a.consumed, a.submitted),
    done,
    pending: a.pending,
    // Never 100 % while a submission is not counted yet: its files may still be to do.
    pct:
      a.submitted > 0
        ? Math.min(Math.floor((1000 * done) / a.submitted) / 10, uncounted > 0 ? 99.9 : 100)
        : null,
    uncounted,
  };
}

export interface Window {
  since: Date;
  now: Date;
}

/** One stage's (or campaign's) numbers from its aggregate row; a missing row means no submissions. */
export function groupProgress(row: GroupProgressRow | undefined, w: Window): GroupProgress {
  const files = filesOf(accountingOf(row), row?.uncounted ?? 0);
  const submissions: SubmissionCounts = {
    total: row?.submissions ?? 0,
    running: row?.running ?? 0,
    held: row?.held ?? 0,
    failed: row?.failed ?? 0,
    completed: row?.completed ?? 0,
    located: row?.located ?? 0,
  };
  return {
    files,
    submissions,
    throughput: throughput({
      doneRecent: n(row?.done_recent),
      remaining: files.pending,
      unsettled: submissions.running + submissions.held + submissions.completed,
      submissions: submissions.total,
      submitted: files.submitted,
      located: submissions.located,
      firstCreated: row?.first_created ?? null,
      ...w,
    }),
    first_created: row?.first_created ?? null,
    last_change: row?.last_change ?? null,
  };
}

/** Campaign totals: field-wise sums of the stages' accounting and counts. */
export function sumProgress(rows: GroupProgressRow[], w: Window): GroupProgress {
  const acc = sumAccounting(rows.map(accountingOf));
  const sum = (k: keyof GroupProgressRow) => rows.reduce((t, r) => t + n(r[k] as number), 0);
  const times = (k: 'first_created' | 'last_change') =>
    rows
      .map((r) => r[k])
      .filter((d): d is Date => d !== null)
      .map((d) => new Date(d).getTime());
  const first = times('first_created');
  const last = times('last_change');
  const merged: GroupProgressRow = {
    group_id: 0,
    files_submitted: acc.submitted,
    files_consumed: acc.consumed,
    files_done: acc.submitted - acc.pending,
    uncounted: sum('uncounted'),
    submissions: sum('submissions'),
    running: sum('running'),
    held: sum('held'),
    failed: sum('failed'),
    completed: sum('completed'),
    located: sum('located'),
    done_recent: sum('done_recent'),
    first_created: first.length ? new Date(Math.min(...first)) : null,
    last_change: last.length ? new Date(Math.max(...last)) : null,
  };
  return groupProgress(merged, w);
}
