import { notFound } from '../../../lib/errors.js';
import { editAction } from '../../../services/compat/definition-edits.js';
import { stageRow } from '../../../services/compat/stage-rows.js';
import { launchReply } from './campaign-calls.js';
import { changes, reads, type CompatContext, type CompatMethod } from './compat-call.js';
import { json, page, text, type CompatReply } from './compat-reply.js';

async function showCampaignStages(c: CompatContext): Promise<CompatReply> {
  const campaign = c.f.text('campaign_name')?.trim() || undefined;
  const f = c.f;
  const custom = f.has('update_view');
  const active = custom ? f.has('view_active') : true;
  const inactive = custom ? f.has('view_inactive') : false;
  const ids = new Set(f.list('campaign_ids').map(Number));
  const rows = (await c.compat.read.stagesWithCampaign(c.exp, campaign))
    .filter((r) => active === inactive || r.campaign_active === active)
    .filter((r) => !ids.size || ids.has(r.stage_id))
    .map((r) => stageRow(r, c.user));
  const body = {
    campaign_stages: rows,
    data: {
      view_active: active ? 'view_active' : null,
      view_inactive: inactive ? 'view_inactive' : null,
      authorized: rows.map((r) => r.authorized),
    },
    limit_experiment: c.exp,
    key: '',
  };
  return page(body, rows.map((r) => `${r.campaign_name}/${r.name}`).join('\n'));
}

async function launchJobs(c: CompatContext): Promise<CompatReply> {
  // Older clients named the stage `campaign_id` (stages were once "campaigns").
  const id = c.f.int('campaign_stage_id') ?? c.f.requireInt('campaign_id');
  const outcome = await c.services.launchActions.launch(c.user, id, { test: c.f.flag('test_launch') }, c.exp);
  return launchReply(c, [outcome]);
}

export const stageCalls: Record<string, CompatMethod> = {
  show_campaign_stages: reads(showCampaignStages),
  launch_jobs: changes(launchJobs),
  get_campaign_stage_id: reads(async (c) => {
    const campaign = c.f.requireText('campaign_name');
    const stage = c.f.requireText('campaign_stage_name');
    const id = await c.compat.read.stageId(c.exp, campaign, stage);
    if (!id) throw notFound(`stage ${stage} of campaign ${campaign} in ${c.exp}`);
    return json(id);
  }),
  get_campaign_stage_name: reads(async (c) => {
    const id = c.f.requireInt('campaign_stage_id');
    const names = await c.compat.read.stageNames(c.exp, id);
    if (!names) throw notFound(`stage ${id} in ${c.exp}`);
    return json([names.campaign, names.stage]);
  }),
  update_stage_param_overrides: changes(async (c) => {
    const ref = c.f.all('campaign_stage');
    if (!ref.length) c.f.requireText('campaign_stage');
    const id = await c.compat.stageEdits.stageRef(c.exp, ref);
    const out = await c.compat.stageEdits.paramOverrides(c.user, c.exp, id, c.f.asRecord());
    return text(JSON.stringify(out));
  }),
  campaign_stage_edit: changes(async (c) => {
    const out = await c.compat.stageEdits.campaignStage(
      c.user,
      c.exp,
      editAction(c.f.text('action')),
      c.f.asRecord(),
    );
    return page(out, out.message);
  }),
};
