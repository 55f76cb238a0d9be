import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';

/** One submission with its stage, campaign and creator names, and the counts tracking recorded. */
export interface SubmissionSummary {
  submission_id: number;
  stage_id: number;
  stage: string;
  campaign_id: number | null;
  campaign: string | null;
  experiment: string;
  status: string;
  status_at: Date;
  created_at: Date;
  creator: string | null;
  test: boolean;
  launch_kind: string;
  dataset: string | null;
  jobsub_job_id: string | null;
  project: string | null;
  parent_submission_id: number | null;
  recovery_type: string | null;
  depends_on_submission_id: number | null;
  jobs_total: number | null;
  jobs_completed: number | null;
  jobs_failed: number | null;
  pct_complete: number | null;
  files_submitted: number | null;
  files_consumed: number | null;
  files_located: number | null;
  /** Output files of this launch with a location, from the file-count cache (the lists' "Available output"). */
  outputs_located: number | null;
  located_reason: string | null;
}

export interface FileCountTotals {
  submissions: number;
  files_submitted: number;
  files_consumed: number;
  files_located: number;
  jobs_total: number;
  jobs_completed: number;
  jobs_failed: number;
}

const COLUMNS = [
  'u.submission_id',
  'u.stage_id',
  's.name as stage',
  'u.campaign_id',
  'c.name as campaign',
  'u.experiment',
  'u.status',
  'u.status_at',
  'u.created_at',
  'x.username as creator',
  'u.test',
  'u.launch_kind',
  'u.dataset',
  'u.jobsub_job_id',
  'u.project',
  'u.parent_submission_id',
  'u.recovery_type',
  'u.depends_on_submission_id',
  'u.jobs_total',
  'u.jobs_completed',
  'u.jobs_failed',
  'u.pct_complete',
  'u.files_submitted',
  'u.files_consumed',
  'u.files_located',
  'u.located_reason',
];

const outputsLocated = (db: Knex) => db.raw(`(u.file_counts->>'outputsLocated')::int as outputs_located`);

// Submissions as scripts read them (the CLI, the poms_client compatibility routes): one query per
// page over submissions_stage_created_idx, names joined, no per-row lookups.
export function submissionSummaryReadModel(db: Knex) {
  const base = () =>
    db('submissions as u')
      .join('stages as s', 's.stage_id', 'u.stage_id')
      .leftJoin('campaigns as c', 'c.campaign_id', 'u.campaign_id')
      .leftJoin('experimenters as x', 'x.experimenter_id', 'u.creator');
  return {
    one: (experiment: string, id: number) =>
      base()
        .where({ 'u.submission_id': id, 'u.experiment': experiment })
        .first([...COLUMNS, outputsLocated(db), 'u.command_executed']) as Promise<
        (SubmissionSummary & { command_executed: string | null }) | undefined
      >,
    /** Newest first. */
    ofStages: (stageIds: number[], req: PageRequest) =>
      paginate<SubmissionSummary>(
        base()
          .whereIn('u.stage_id', stageIds)
          .select([...COLUMNS, outputsLocated(db)])
          .orderBy('u.submission_id', 'desc'),
        req,
      ),
    async totals(stageIds: number[], submissionId?: number): Promise<FileCountTotals> {
      const q = db('submissions').whereIn('stage_id', stageIds);
      if (submissionId !== undefined) q.where({ submission_id: submissionId });
      const row = await q.first(
        db.raw('count(*)::int as submissions'),
        ...[
          'files_submitted',
          'files_consumed',
          'files_located',
          'jobs_total',
          'jobs_completed',
          'jobs_failed',
        ].map((c) => db.raw(`coalesce(sum(${c}), 0)::int as ${c}`)),
      );
      return row as FileCountTotals;
    },
  };
}
