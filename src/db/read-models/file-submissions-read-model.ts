import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';

export interface FileSubmission {
  submission_id: number;
  stage_id: number;
  stage_name: string;
  campaign_id: number | null;
  status: SubmissionStatus;
}

// The submissions a file's details page names (the one that made it, those that made its
// children), by id within one experiment.
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
  };
}
