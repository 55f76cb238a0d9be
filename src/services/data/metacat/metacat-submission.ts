import type { SubmissionRow } from '../../../db/stores/submission-store.js';
import type { SubmissionContext } from '../../tracking/submission-context.js';
import type { MetacatSubmission } from '../metacat-data-handling.js';

/** The submission as MetaCat data handling reads it; null without a Data Dispatcher project. */
export function metacatSubmission(
  sub: Pick<SubmissionRow, 'submission_id' | 'created_at' | 'completed_at'> & {
    dd_project_id?: number | string | null;
    dataset?: string | null;
  },
  stage: { softwareVersion: string; outputAncestorDepth: number },
): MetacatSubmission | null {
  if (sub.dd_project_id === null || sub.dd_project_id === undefined) return null;
  return {
    submissionId: sub.submission_id,
    projectId: Number(sub.dd_project_id),
    softwareVersion: stage.softwareVersion,
    created: new Date(sub.created_at),
    completedAt: sub.completed_at ? new Date(sub.completed_at) : null,
    outputAncestorDepth: stage.outputAncestorDepth,
    dataset: sub.dataset ?? null,
  };
}

export const metacatSubmissionOf = (ctx: SubmissionContext) => metacatSubmission(ctx.sub, ctx.stage);

/** A submission list row as MetaCat data handling reads it (its stage as its snapshot had it). */
export const metacatSubmissionOfRow = (
  row: Parameters<typeof metacatSubmission>[0] & {
    software_version: string | null;
    output_ancestor_depth: string | number | null;
  },
) =>
  metacatSubmission(row, {
    softwareVersion: row.software_version ?? '',
    outputAncestorDepth: Number(row.output_ancestor_depth ?? 1),
  });
