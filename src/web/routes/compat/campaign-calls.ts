import { AppError, notFound } from '../../../lib/errors.js';
import type { LaunchOutcome } from '../../../services/launch/launch-request.js';
import type { CompatContext, CompatMethod } from './compat-call.js';
import { changes, launchLocation, reads } from './compat-call.js';
import { json, keptJson, page, redirect, text, type CompatReply } from './compat-reply.js';

/** show_campaigns answers every campaign, as the original did, up to this many. */
const MAX_CAMPAIGNS = 10_000;

async function campaignIdOf(c: CompatContext, field: string): Promise<number> {
  const raw = c.f.requireText(field);
  const id = /^\d+$/.test(raw) ? Number(raw) : await c.compat.read.campaignId(c.exp, raw);
  if (!id || !(await c.compat.read.campaignName(c.exp, id))) throw notFound(`campaign ${raw} in ${c.exp}`);
  return id;
}

/** 303 to the first submission launched; 423 when every launch was queued (held). */
export function launchReply(c: CompatContext, outcomes: LaunchOutcome[]): CompatReply {
  const first = outcomes.find((o) => 'submissionId' in o);
  if (first && 'submissionId' in first)
    return redirect(launchLocation(c.exp, c.user.username, first.submissionId));
  const held = outcomes.map((o) => ('heldLaunchId' in o ? `#${o.heldLaunchId}` : '')).join(', ');
  return text(`The stage or experiment is held: the launch is queued (${held})`, 423);
}

/** show_campaigns: the campaigns table (fmt=json), or with action=delete the campaign_rm call. */
async function showCampaigns(c: CompatContext): Promise<CompatReply> {
  if (c.f.text('action') === 'delete') return removeCampaign(c);
  const f = c.f;
  const custom = f.has('update_view');
  const active = custom ? f.has('view_active') : true;
  const inactive = custom ? f.has('view_inactive') : false;
  const state = active === inactive ? 'all' : active ? 'active' : 'inactive';
  const mine = custom ? f.has('view_mine') : true;
  const others = custom ? f.has('view_others') : true;
  const analysis = custom ? f.has('view_analysis') : ['analysis', 'superuser'].includes(c.user.role);
  const production = custom ? f.has('view_production') : c.user.role !== 'analysis';
  const rows = await c.services.campaigns.all(
    c.user,
    c.exp,
    { state, owner: mine && !others ? 'mine' : 'all' },
    MAX_CAMPAIGNS,
  );
  const tl = rows
    .filter((r) => mine || r.creator !== c.user.username)
    .filter(
      (r) =>
        (analysis && production) ||
        (analysis ? r.creator_role === 'analysis' : r.creator_role !== 'analysis'),
    )
    .map((r) => Object.assign(r, { experiment: c.exp }));
  const data = {
    view_active: active ? 'view_active' : null,
    view_inactive: inactive ? 'view_inactive' : null,
    view_mine: mine ? c.user.experimenterId : null,
    view_others: others ? c.user.experimenterId : null,
    view_analysis: analysis ? 'view_analysis' : null,
    view_production: production ? 'view_production' : null,
    authorized: tl.map((r) => r.can_modify),
  };
  return page({ tl, last_activity: '', msg: 'OK', data }, tl.map((r) => r.name).join('\n'));
}

/** campaign_rm (show_campaigns action=delete): the original answered 200 with a message either way. */
async function removeCampaign(c: CompatContext): Promise<CompatReply> {
  const name = c.f.text('del_campaign_name')?.trim();
  const byId = c.f.int('del_campaign_id');
  const id = byId ?? (name ? await c.compat.read.campaignId(c.exp, name) : null);
  const label = name ?? String(byId ?? '');
  const answer = (msg: string) => page({ tl: null, last_activity: '', msg, data: null }, msg);
  if (!id || !(await c.compat.read.campaignName(c.exp, id)))
    return answer(`The campaign '${label}' does not exist.`);
  try {
    const done = await c.services.campaigns.remove(c.user, c.exp, id);
    return answer(
      `Campaign named ${done.name} with campaign_id ${id} and its ${done.stages} campaign stages were deleted.`,
    );
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict')
      return answer(`This campaign has been submitted. It cannot be deleted. (${e.message})`);
    throw e;
  }
}

async function linkTags(c: CompatContext): Promise<CompatReply> {
  const tag = c.f.requireText('tag_name');
  const ids = c.f.list('campaign_id');
  if (!ids.length) c.f.requireText('campaign_id');
  for (const raw of ids) {
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(id)) throw notFound(`campaign ${raw}`);
    await c.services.campaignTags.add(c.user, c.exp, id, tag);
  }
  return json({
    campaign_id: c.f.text('campaign_id'),
    tag_id: await c.compat.read.tagId(c.exp, tag),
    tag_name: tag,
    msg: 'OK',
  });
}

async function launchCampaign(c: CompatContext): Promise<CompatReply> {
  const id = await campaignIdOf(c, 'campaign_id');
  if (!c.f.flag('test_launch'))
    return launchReply(c, await c.services.launchActions.launchCampaign(c.user, id, c.exp));
  // A test launch of the leading stages (the service's campaign launch has no test flag).
  const view = await c.services.campaigns.get(c.user, c.exp, id);
  const fed = new Set(view.dependencies.map((d) => d.downstream_stage_id));
  const out: LaunchOutcome[] = [];
  for (const s of view.stages.filter((x) => !fed.has(x.stage_id)))
    out.push(await c.services.launchActions.launch(c.user, s.stage_id, { test: true }, c.exp));
  if (!out.length) throw new AppError('invalid_input', `campaign ${view.name} has no leading stage`);
  return launchReply(c, out);
}

export const campaignCalls: Record<string, CompatMethod> = {
  // action=delete makes it campaign_rm.
  show_campaigns: { mutating: (f) => f.text('action') === 'delete', call: showCampaigns },
  link_tags: changes(linkTags),
  launch_campaign: changes(launchCampaign),
  ini_to_campaign: changes(async (c) => {
    const file = c.files.get('upload');
    if (!file)
      throw new AppError('invalid_input', 'send the campaign .ini file as the multipart field "upload"', [
        { field: 'upload', message: 'required' },
      ]);
    const report = await c.services.campaignImport.importIni(c.user, c.exp, file.bytes);
    const created = report.created.some((o) => o.kind === 'campaign');
    // Always HTTP 200: poms_client's make_poms_call raises on anything but 200, 202 and 303 (a
    // 201 made upload_wf fail after a successful import); the body still says what happened.
    return json({
      status: created ? '201 Created' : '200 OK',
      message: `Campaign ${report.campaign} ${created ? 'imported' : 're-imported'} from ${file.filename}`,
      ...report,
    });
  }),
  campaign_list_json: reads(async (c) => keptJson(await c.compat.stageList(c.exp))),
  get_campaign_id: reads(async (c) => {
    const name = c.f.requireText('campaign_name');
    const id = await c.compat.read.campaignId(c.exp, name);
    if (!id) throw notFound(`campaign ${name} in ${c.exp}`);
    return json(id);
  }),
  get_campaign_name: reads(async (c) => {
    const id = c.f.requireInt('campaign_id');
    const name = await c.compat.read.campaignName(c.exp, id);
    if (!name) throw notFound(`campaign ${id} in ${c.exp}`);
    return text(name);
  }),
};
