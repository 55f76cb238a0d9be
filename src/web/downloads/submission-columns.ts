import type { SubmissionListService } from '../../services/reports/submission-list-service.js';
import type { Column } from './list-download.js';

/** A row of the stage and campaign submissions lists. */
type SubmissionListRow = Awaited<ReturnType<SubmissionListService['stage']>>['rows']['items'][number];

const col = (
  key: string,
  header: string,
  value: (r: SubmissionListRow) => unknown,
): Column<SubmissionListRow> => ({
  key,
  header,
  value,
});

/** The columns of a submissions download: what the list shows, one row per submission. */
export const SUBMISSION_COLUMNS = [
  col('submission_id', 'Submission', (r) => r.submission_id),
  col('stage', 'Stage', (r) => r.stage_name),
  col('status', 'Status', (r) => r.status),
  col('status_at', 'Status since (UTC)', (r) => r.status_at),
  col('created_at', 'Submitted (UTC)', (r) => r.created_at),
  col('creator', 'By', (r) => r.creator),
  col('launch_kind', 'Launch', (r) => r.launch_kind),
  col('test', 'Test', (r) => r.test),
  col('recovery_type', 'Recovery type', (r) => r.recovery_type),
  col('depth', 'Depth under its cause', (r) => r.depth),
  col('jobsub_job_id', 'Jobsub id', (r) => r.jobsub_job_id),
  col('project', 'SAM project', (r) => r.project),
  col('dataset', 'Dataset', (r) => r.dataset),
  col('jobs_total', 'Jobs', (r) => r.jobs.total),
  col('jobs_running', 'Running jobs', (r) => r.jobs.running),
  col('jobs_idle', 'Idle jobs', (r) => r.jobs.idle),
  col('jobs_held', 'Held jobs', (r) => r.jobs.held),
  col('pct_complete', 'Complete (%)', (r) => r.pct_complete),
  col('output', 'Located output files', (r) => r.output.count),
] as Column<unknown>[];
