// The dims behind every number of the file report, built only by the domain's builders (the
// files page lists exactly these). A submission's numbers depend on its project and on the
// snapshots it launched with: software version, output ancestor depth, output patterns.

import { splitOutputPatterns } from '../../domain/files/output-patterns.js';
import { projectSnapshot, type SamSubmissionContext } from '../../domain/files/sam-context.js';
import {
  allKidsDims,
  consumedStatusDims,
  outputFilesDims,
  pendingDims,
} from '../../domain/files/stats-dims.js';
import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import type { ReportColumn } from '../data/file-browsing.js';

export type { ReportColumn };
export type ColumnDims = Record<ReportColumn, string>;

/**
 * What the builders need, from a submission row; null when it has no project or no version.
 * `param`: the SAM metadata parameter naming the submission on its outputs (Sam.attributionParam).
 */
export function samContextOf(
  row: Pick<
    SubmissionListRow,
    'submission_id' | 'project' | 'software_version' | 'created_at' | 'completed_at' | 'output_ancestor_depth'
  >,
  param: string | null,
): SamSubmissionContext | null {
  if (!row.project || !row.software_version) return null;
  const depth = Number(row.output_ancestor_depth ?? 1);
  return {
    attribution: {
      submissionId: row.submission_id,
      completedAt: row.completed_at ? new Date(row.completed_at) : null,
      param,
    },
    project: row.project,
    softwareVersion: row.software_version,
    created: new Date(row.created_at),
    outputAncestorDepth: Number.isInteger(depth) && depth >= 1 && depth <= 20 ? depth : 1,
  };
}

export const patternsOf = (row: Pick<SubmissionListRow, 'output_patterns'>) =>
  splitOutputPatterns(row.output_patterns);

/** Dims of each report column for one submission; null when a value cannot go into a query. */
export function columnDims(ctx: SamSubmissionContext, patterns: readonly string[]): ColumnDims | null {
  try {
    const p = ctx.project;
    return {
      submitted: projectSnapshot(p),
      delivered: consumedStatusDims(p, 'delivered'),
      consumed: consumedStatusDims(p, 'consumed'),
      failed: consumedStatusDims(p, 'failed'),
      skipped: consumedStatusDims(p, 'skipped'),
      cancelled: consumedStatusDims(p, 'cancelled'),
      stillDelivered: consumedStatusDims(p, 'stillDelivered'),
      unknown: consumedStatusDims(p, 'unknown'),
      outputsDeclared: outputFilesDims(ctx, patterns, 'anylocation'),
      outputsLocated: outputFilesDims(ctx, patterns, 'physical'),
      pending: pendingDims(ctx, patterns),
    };
  } catch {
    // samQuote refuses values SAM cannot take (non-ASCII, both quote kinds…): no links then.
    return null;
  }
}

/** The input files with every output located (the complement of `pending`), for counting. */
export const withAllOutputsLocatedDims = (ctx: SamSubmissionContext, patterns: readonly string[]) =>
  allKidsDims(ctx, patterns, 'physical');

/** Most submissions a total's link covers; longer unions would not fit in a link. */
export const UNION_LIMIT = 20;

/**
 * Dims of the files of several submissions together (a total row): the union of each one's
 * dims. Files in several submissions are listed once, so a list may be shorter than the sum.
 */
export function unionDims(all: ReadonlyArray<ColumnDims | null>): ColumnDims | null {
  const list = all.filter((d): d is ColumnDims => d !== null);
  if (list.length === 0 || list.length > UNION_LIMIT || list.length !== all.length) return null;
  if (list.length === 1) return list[0];
  const out = {} as ColumnDims;
  for (const k of Object.keys(list[0]) as ReportColumn[])
    out[k] = list.map((d) => `( ${d[k]} )`).join(' or ');
  return out;
}

/** Dims from a builder, or null when the builder refuses a value (samQuote: non-ASCII, quotes…). */
export function tryDims(build: () => string): string | null {
  try {
    return build();
  } catch {
    return null;
  }
}

/**
 * Available output: the submission's located output files (count from the file-count cache), with
 * how to list them: SAM dims, or (a Data Dispatcher project: Rucio replicas are no query) the
 * submission's `outputsLocated` list (`column`, resolved by the file list through its data service).
 */
export function availableOutput(
  r: SubmissionListRow,
  param: string | null,
): { count: number | null; dims: string | null; column: 'outputsLocated' | null } {
  const counts = r.file_counts as { outputsLocated?: number } | null;
  const count = typeof counts?.outputsLocated === 'number' ? counts.outputsLocated : null;
  if (!r.project && (r.dd_project_id ?? null) !== null)
    return { count, dims: null, column: 'outputsLocated' };
  const ctx = samContextOf(r, param);
  const dims = ctx ? tryDims(() => outputFilesDims(ctx, patternsOf(r), 'physical')) : null;
  return { count, dims, column: null };
}

/** The report's columns in order, with the explanation shown on each heading. */
export const REPORT_COLUMNS: ReadonlyArray<{ key: ReportColumn; label: string; help: string }> = [
  { key: 'submitted', label: 'Submitted', help: "input files in the SAM project's snapshot" },
  {
    key: 'delivered',
    label: 'Delivered',
    help: 'handed to a job: consumed + failed + skipped + cancelled + still delivered',
  },
  { key: 'consumed', label: 'Consumed', help: 'processed successfully (consumed or completed)' },
  { key: 'failed', label: 'Failed', help: 'a job reported failure on the file' },
  { key: 'skipped', label: 'Skipped', help: 'released without being processed (skipped or unconsumed)' },
  { key: 'cancelled', label: 'Cancelled', help: 'delivery cancelled' },
  { key: 'stillDelivered', label: 'Still delivered', help: 'with a job that has not released it (yet)' },
  { key: 'unknown', label: 'Unknown', help: 'in the snapshot but never delivered' },
  {
    key: 'outputsDeclared',
    label: 'Outputs declared',
    help: 'output files of this launch declared in SAM (any location)',
  },
  {
    key: 'outputsLocated',
    label: 'Outputs located',
    help: 'output files of this launch with a location (available)',
  },
  {
    key: 'pending',
    label: 'Pending',
    help: 'input files still lacking a located output for some output pattern',
  },
];
