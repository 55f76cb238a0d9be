import type { ControlScope } from '../../../adapters/jobsub/jobsub.js';
import { invalid } from '../../../lib/errors.js';
import { changes, type CompatContext, type CompatMethod } from './compat-call.js';
import { page, redirect, text, type CompatReply } from './compat-reply.js';

// poms_client users' control calls: update_campaign_stage (set stage columns), mark_campaign_hold
// (queue or release a stage's launches) and kill_jobs (jobsub_rm/hold/release of a submission, a
// stage or a campaign). Each answers with a status the client accepts (200 or 303).

const ACTS = ['kill', 'cancel', 'hold', 'release'] as const;
const FALSE = /^(0|false|f|no|n|off|)$/i;
type Act = (typeof ACTS)[number];

/** `campaign_stage=<id>` or `campaign_stage=[campaign, stage]`, then `<column>=<value>`… → "Success". */
async function updateCampaignStage(c: CompatContext): Promise<CompatReply> {
  const ref = c.f.all('campaign_stage');
  if (!ref.length) c.f.requireText('campaign_stage');
  const id = await c.compat.stageEdits.stageRef(c.exp, ref);
  return text(await c.compat.stageEdits.updateColumns(c.user, c.exp, id, c.f.asRecord()));
}

/**
 * `ids2HR=<stage ids, comma-separated>&is_hold=Hold|Queue|Release[&clear_cron=…]`: Hold and Queue
 * both hold the stages (launches are queued) and, as the original (StagesPOMS.mark_campaign_hold,
 * clear_cron=True), clear their launch schedules unless clear_cron is sent false (`0`, `false`,
 * `no`, `off` or empty: the original took any non-empty text as true, so `False` cleared too);
 * Release releases them, runs what was queued and leaves schedules alone. Answers 303 to the stage
 * list, as the original did.
 */
async function markCampaignHold(c: CompatContext): Promise<CompatReply> {
  const raw = c.f.list('ids2HR');
  if (!raw.length) c.f.requireText('ids2HR');
  const ids = raw.map((x) => x.replace(/\D/g, ''));
  if (ids.some((x) => !x))
    throw invalid('ids2HR must list campaign stage ids', [{ field: 'ids2HR', message: raw.join(',') }]);
  const how = c.f.requireText('is_hold');
  if (!['Hold', 'Queue', 'Release'].includes(how))
    throw invalid('The action is not supported. You can only Hold/Queue or Release.', [
      { field: 'is_hold', message: `got ${how.slice(0, 20)}` },
    ]);
  const clearCron = !c.f.has('clear_cron') || !FALSE.test(c.f.text('clear_cron')?.trim() ?? '');
  for (const id of ids.map(Number)) {
    await c.compat.read.stageNames(c.exp, id).then((n) => {
      if (!n) throw invalid(`no campaign stage ${id} in ${c.exp}`, [{ field: 'ids2HR', message: `${id}` }]);
    });
    if (how === 'Release') await c.services.holds.releaseStage(c.user, id);
    else {
      await c.services.holds.holdStage(c.user, id);
      if (clearCron) await c.services.schedules.setSchedule(c.user, id, null);
    }
  }
  const prefix = c.services.config.compat.prefix;
  return redirect(
    `${prefix}/show_campaign_stages/${encodeURIComponent(c.exp)}/${encodeURIComponent(c.user.role)}`,
  );
}

function scopeOf(c: CompatContext): ControlScope {
  const sid = c.f.int('submission_id');
  if (sid !== undefined) return { kind: 'submission', id: sid };
  const stage = c.f.int('campaign_stage_id');
  if (stage !== undefined) return { kind: 'stage', id: stage };
  const campaign = c.f.int('campaign_id');
  if (campaign !== undefined) return { kind: 'campaign', id: campaign };
  throw invalid('kill_jobs needs submission_id, campaign_stage_id or campaign_id', [
    { field: 'submission_id', message: 'required' },
  ]);
}

/**
 * `(submission_id|campaign_stage_id|campaign_id)=<id>&act=kill|cancel|hold|release[&confirm=y]`:
 * without `confirm` the original rendered a confirmation page and did nothing; with it, the jobs
 * are removed (kill → Removed, cancel → Cancelled), held or released. 200 either way.
 */
async function killJobs(c: CompatContext): Promise<CompatReply> {
  const act = (c.f.text('act')?.trim() || 'kill') as Act;
  if (!ACTS.includes(act))
    throw invalid('act must be kill, cancel, hold or release', [{ field: 'act', message: `got ${act}` }]);
  const scope = scopeOf(c);
  if (!c.f.has('confirm')) {
    const subs = await c.services.jobs.preview(c.user, c.exp, scope);
    const what = `${act} the jobs of ${scope.kind} ${scope.id}`;
    return page(
      { act, scope, confirm: false, submissions: subs, message: `Send confirm=y to ${what}` },
      `Send confirm=y to ${what}: submissions ${subs.join(', ') || '(none active)'}`,
    );
  }
  const done = await c.services.jobs.control(c.user, c.exp, scope, act);
  return page(
    { act, scope, confirm: true, ...done },
    [`${act}: submissions ${done.submissions.join(', ') || '(none active)'}`, done.output]
      .filter(Boolean)
      .join('\n'),
  );
}

export const controlCalls: Record<string, CompatMethod> = {
  update_campaign_stage: changes(updateCampaignStage),
  mark_campaign_hold: changes(markCampaignHold),
  // Without confirm it only previews what it would do.
  kill_jobs: { mutating: (f) => f.has('confirm'), call: killJobs },
};
