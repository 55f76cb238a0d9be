import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';
import { submissionRows, type SubmissionListRow } from './submission-rows-read-model.js';

export type ProjectColumn = 'project' | 'dd_project_id';

export interface FileSubmission {
  submission_id: number;
  stage_id: number;
  stage_name: string;
  campaign_id: number | null;
  status: SubmissionStatus;
}

// The submissions a file's details page asks SAM about and names, within one experiment. Both
// candidate lists walk the (experiment, created_at) index from the file's creation time.
export function fileSubmissionsReadModel(db: Knex) {
  return {
    byIds: (experiment: string, ids: number[]): Promise<FileSubmission[]> =>
      ids.length === 0
        ? Promise.resolve([])
        : db('submissions as u')
            .join('stages as s', 's.stage_id', 'u.stage_id')
            .where('u.experiment', experiment)
            .whereIn('u.submission_id', ids)
            .orderBy('u.submission_id')
            .select('u.submission_id', 'u.stage_id', 's.name as stage_name', 'u.campaign_id', 'u.status'),

    /**
     * Submissions that may have made a file of `version` created at `created` (launched before it,
     * not Completed more than `graceMs` before it), newest first: the attribution rule decides among
     * them. `only`: just that submission (the one the file's metadata names).
     */
    producers: (
      experiment: string,
      f: {
        version: string;
        created: Date;
        graceMs: number;
        only: number | null;
        limit: number;
        /** The column holding the submissions' projects (SAM's, or the Data Dispatcher's). */
        projectColumn: ProjectColumn;
      },
    ): Promise<SubmissionListRow[]> => {
      const q = submissionRows(db).where('u.experiment', experiment).whereNotNull(`u.${f.projectColumn}`);
      if (f.only !== null) return q.where('u.submission_id', f.only);
      return q
        .whereRaw(`ss.content->>'softwareVersion' = ?`, [f.version])
        .where('u.created_at', '<', f.created)
        .where((w) =>
          w
            .whereNull('u.completed_at')
            .orWhere('u.completed_at', '>=', new Date(f.created.getTime() - f.graceMs)),
        )
        .orderBy([
          { column: 'u.created_at', order: 'desc' },
          { column: 'u.submission_id', order: 'desc' },
        ])
        .limit(f.limit);
    },

    /** Projects of submissions launched since `since` (oldest first): those a file made then could be delivered to. */
    projectsSince: (
      experiment: string,
      since: Date,
      limit: number,
      projectColumn: ProjectColumn = 'project',
    ): Promise<
      Array<{ submission_id: number; project: string | null; dd_project_id: number | string | null }>
    > =>
      db('submissions')
        .where('experiment', experiment)
        .where('created_at', '>=', since)
        .whereNotNull(projectColumn)
        .orderBy(['created_at', 'submission_id'])
        .limit(limit)
        .select('submission_id', 'project', 'dd_project_id'),
  };
}
