import { invalid } from '../../../lib/errors.js';
import { changes, reads, type CompatContext, type CompatMethod } from './compat-call.js';
import { page, text, type CompatReply } from './compat-reply.js';

const MAX_ROWS = 500;

/** The stages a campaign_stage_submissions call names, or null when its campaign/stage is unknown. */
async function stagesOf(c: CompatContext): Promise<number[] | null> {
  const f = c.f;
  let campaignId = f.int('campaign_id');
  const campaignName = f.text('campaign_name')?.trim();
  if (campaignId === undefined && campaignName && campaignName !== 'None') {
    campaignId = (await c.compat.read.campaignId(c.exp, campaignName)) ?? undefined;
    if (campaignId === undefined) return null;
  }
  let stageId = f.int('campaign_stage_id');
  const stageName = f.text('stage_name')?.trim();
  if (stageId === undefined && stageName && !['None', '*'].includes(stageName) && campaignId !== undefined) {
    const name = await c.compat.read.campaignName(c.exp, campaignId);
    stageId = name ? ((await c.compat.read.stageId(c.exp, name, stageName)) ?? undefined) : undefined;
    if (stageId === undefined) return null;
  }
  if (stageId !== undefined) return [stageId];
  if (campaignId !== undefined) return c.compat.read.stageIdsOfCampaign(campaignId);
  throw invalid('campaign_stage_submissions needs campaign_id, campaign_name or campaign_stage_id', [
    { field: 'campaign_stage_id', message: 'required' },
  ]);
}

const row = (
  s: Awaited<ReturnType<CompatContext['services']['submissionSummaries']['ofStages']>>['items'][number],
) => ({
  ...s,
  campaign_stage_id: s.stage_id,
  campaign_stage_name: s.stage,
  campaign_name: s.campaign,
  created: s.created_at,
  // The original's "Available output": located output files, as the submissions lists show it.
  available_output: s.outputs_located,
});

async function campaignStageSubmissions(c: CompatContext): Promise<CompatReply> {
  const ids = await stagesOf(c);
  const submissions = ids?.length
    ? (
        await c.services.submissionSummaries.ofStages(c.user, c.exp, ids, { page: 1, pageSize: MAX_ROWS })
      ).items.map(row)
    : [];
  const data = {
    tmin: c.f.text('tmin') ?? null,
    tmax: c.f.text('tmax') ?? null,
    tdays: c.f.text('tdays') ?? null,
    submissions,
  };
  return page(
    { data },
    submissions.map((s) => `${s.submission_id} ${s.status} ${s.jobsub_job_id ?? ''}`).join('\n'),
  );
}

async function submissionDetails(c: CompatContext): Promise<CompatReply> {
  const id = c.f.requireInt('submission_id');
  const s = await c.services.submissionSummaries.submission(c.user, c.exp, id);
  const kids = await c.compat.read.children(id);
  const { history, ...submission } = s;
  const body = {
    submission: { ...submission, campaign_stage_id: s.stage_id, created: s.created_at },
    history: history.map((h) => ({ status: h.status, created: h.created_at })),
    dataset: s.dataset,
    ds: s.created_at,
    recoverymap: {},
    statusmap: {},
    submission_log_format: 1,
    recovery_ids: kids.recoveries,
    depend_ids: kids.dependents,
    statuses: history.map((h) => h.status),
  };
  return page(body, `${s.submission_id} ${s.status} ${s.jobsub_job_id ?? ''}`);
}

async function submissionIdFor(c: CompatContext): Promise<CompatReply> {
  const f = c.f;
  const stage = f.text('campaign_stage_id')?.trim() || f.text('campaign')?.trim();
  if (!stage || stage === 'None')
    throw invalid('campaign_stage_id is required', [{ field: 'campaign_stage_id', message: 'required' }]);
  const id = await c.compat.callbacks.submissionIdFor(c.user, {
    stage,
    commandExecuted: f.text('command_executed'),
    submissionId: f.int('submission_id') ?? f.int('task_id'),
    parentSubmissionId: f.int('parent_submission_id') ?? f.int('parent_task_id'),
    inputDataset: f.text('input_dataset'),
    test: f.flag('test'),
  });
  return text(`Task=${id}`);
}

export const submissionCalls: Record<string, CompatMethod> = {
  campaign_stage_submissions: reads(campaignStageSubmissions),
  submission_details: reads(submissionDetails),
  // Creates the submission row when the launch script asks for its id.
  get_submission_id_for: changes(submissionIdFor),
  get_task_id_for: changes(submissionIdFor),
  update_submission: changes(async (c) => {
    const pct = c.f.text('pct_complete')?.trim();
    const pctComplete = pct && pct !== 'None' ? Number(pct) : undefined;
    if (pctComplete !== undefined && !Number.isFinite(pctComplete))
      throw invalid('pct_complete must be a number', [{ field: 'pct_complete', message: `got ${pct}` }]);
    const status = c.f.text('status')?.trim();
    const answer = await c.compat.callbacks.updateSubmission(c.user, {
      submissionId: c.f.requireInt('submission_id'),
      jobsubJobId: c.f.text('jobsub_job_id'),
      status: status && status !== 'None' ? status : undefined,
      project: c.f.text('project')?.trim() || undefined,
      pctComplete,
    });
    return text(answer);
  }),
};
