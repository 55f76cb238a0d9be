import * as z from 'zod';
import { pageQuery } from '../../page-query.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const stageCountsParams = z.object({ exp: z.string().min(1), sid: id });
export const submissionParams = z.object({ exp: z.string().min(1), sid: id });
export const countsQuery = pageQuery;

const when = z.union([z.string(), z.date()]);
const count = z.number().int().nullable();

export const submissionSummarySchema = z.object({
  submission_id: z.number().int(),
  stage_id: z.number().int(),
  stage: z.string(),
  campaign_id: z.number().int().nullable(),
  campaign: z.string().nullable(),
  experiment: z.string(),
  status: z.string(),
  status_at: when,
  created_at: when,
  creator: z.string().nullable(),
  test: z.boolean(),
  launch_kind: z.string(),
  dataset: z.string().nullable(),
  jobsub_job_id: z.string().nullable(),
  project: z.string().nullable(),
  parent_submission_id: count,
  recovery_type: z.string().nullable(),
  depends_on_submission_id: count,
  jobs_total: count,
  jobs_completed: count,
  jobs_failed: count,
  pct_complete: z.number().nullable(),
  files_submitted: count.describe('input files in the SAM project snapshot'),
  files_consumed: count.describe('input files the jobs consumed'),
  files_located: count.describe('input files whose outputs are catalogued (submitted − pending)'),
  outputs_located: count.describe('output files of this launch with a location (Available output)'),
  located_reason: z.string().nullable(),
});

export const submissionDetailSchema = submissionSummarySchema.extend({
  command_executed: z.string().nullable(),
  history: z.array(
    z.object({
      status: z.string(),
      created_at: when,
      actor_kind: z.string(),
      username: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

export const fileCountsSchema = z.object({
  scope: z.object({
    kind: z.enum(['stage', 'submission']),
    id: z.number().int(),
    stage_id: z.number().int(),
    name: z.string().describe('campaign/stage'),
  }),
  totals: z.object({
    submissions: z.number().int(),
    files_submitted: z.number().int(),
    files_consumed: z.number().int(),
    files_located: z.number().int(),
    jobs_total: z.number().int(),
    jobs_completed: z.number().int(),
    jobs_failed: z.number().int(),
  }),
  items: z.array(submissionSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  pages: z.number().int(),
});
