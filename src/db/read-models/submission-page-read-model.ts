import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';
import { submissionStore } from '../stores/submission-store.js';
import { submissionRows, type SubmissionListRow } from './submission-rows-read-model.js';

export interface SubmissionDetailRow extends SubmissionListRow {
  campaign_name: string | null;
  command_executed: string | null;
  jobsub_cluster_ids: string[];
  params: Record<string, unknown>;
  recovery_position: number | null;
  launch_started_at: Date | null;
  launch_exit_code: number | null;
  launch_error: string | null;
  jobs_completed: number | null;
  jobs_failed: number | null;
  jobs_cancelled: number | null;
  files_submitted: number | null;
  files_consumed: number | null;
  files_located: number | null;
  located_reason: string | null;
  completed_at: Date | null;
  chained_at: Date | null;
  chain_result: string | null;
  stage_snapshot_id: number | null;
  job_type_snapshot_id: number | null;
  login_setup_snapshot_id: number | null;
}

export interface RelatedSubmission {
  submission_id: number;
  stage_id: number;
  stage_name: string;
  status: SubmissionStatus;
  created_at: Date;
  parent_submission_id: number | null;
  depends_on_submission_id: number | null;
  recovery_type: string | null;
}

export interface SnapshotRow {
  kind: 'stage' | 'job_type' | 'login_setup';
  snapshot_id: number;
  created_at: Date;
  content: Record<string, unknown>;
}

// The submission page: the submission, its whole history, the snapshots it launched with, and the
// submissions around it (what launched it, what it launched). A fixed number of queries.
export function submissionPageReadModel(db: Knex) {
  return {
    one: (experiment: string, id: number) =>
      submissionRows(db)
        .leftJoin('campaigns as c', 'c.campaign_id', 'u.campaign_id')
        .where({ 'u.experiment': experiment, 'u.submission_id': id })
        .select(
          'c.name as campaign_name',
          ...[
            'command_executed',
            'jobsub_cluster_ids',
            'params',
            'recovery_position',
            'launch_started_at',
            'launch_exit_code',
            'launch_error',
            'jobs_completed',
            'jobs_failed',
            'jobs_cancelled',
            'files_submitted',
            'files_consumed',
            'files_located',
            'located_reason',
            'completed_at',
            'chained_at',
            'chain_result',
            'stage_snapshot_id',
            'job_type_snapshot_id',
            'login_setup_snapshot_id',
          ].map((c) => `u.${c}`),
        )
        .first() as Promise<SubmissionDetailRow | undefined>,

    /** Its status history, oldest first (the store's query: the compat summaries show it too). */
    history: (id: number) => submissionStore(db).history(id),

    /** The three snapshots in one query (absent ones are left out). */
    snapshots(
      row: Pick<
        SubmissionDetailRow,
        'stage_snapshot_id' | 'job_type_snapshot_id' | 'login_setup_snapshot_id'
      >,
    ) {
      const one = (kind: SnapshotRow['kind'], table: string, id: number | null) =>
        db(table)
          .where('snapshot_id', id ?? 0)
          .select(db.raw(`'${kind}' as kind`), 'snapshot_id', 'created_at', 'content');
      return one('stage', 'stage_snapshots', row.stage_snapshot_id).unionAll([
        one('job_type', 'job_type_snapshots', row.job_type_snapshot_id),
        one('login_setup', 'login_setup_snapshots', row.login_setup_snapshot_id),
      ]) as unknown as Promise<SnapshotRow[]>;
    },

    /** What launched it (recovery parent, dependency cause) and what it launched, oldest first. */
    related: (
      row: Pick<SubmissionDetailRow, 'submission_id' | 'parent_submission_id' | 'depends_on_submission_id'>,
    ) =>
      db('submissions as u')
        .join('stages as s', 's.stage_id', 'u.stage_id')
        .where((w) =>
          w
            .whereIn(
              'u.submission_id',
              [row.parent_submission_id, row.depends_on_submission_id].filter((x): x is number => x !== null),
            )
            .orWhere('u.parent_submission_id', row.submission_id)
            .orWhere('u.depends_on_submission_id', row.submission_id),
        )
        .orderBy('u.submission_id')
        .limit(500)
        .select(
          'u.submission_id',
          'u.stage_id',
          's.name as stage_name',
          'u.status',
          'u.created_at',
          'u.parent_submission_id',
          'u.depends_on_submission_id',
          'u.recovery_type',
        ) as Promise<RelatedSubmission[]>,

    hasLog: async (id: number) =>
      !!(await db('launch_log_chunks').where('submission_id', id).first('chunk_id')),

    recoveryTypes: () => db('recovery_types').orderBy('recovery_type_id').pluck('name') as Promise<string[]>,
  };
}

export type SubmissionPageReadModel = ReturnType<typeof submissionPageReadModel>;
