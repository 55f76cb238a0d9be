import { Router, type Request } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import {
  campaignParams,
  experimentParams,
  experimentStallBody,
  experimentSubscriptionBody,
  settingsBody,
  stallBody,
  subscriptionBody,
  unsubscribeBody,
} from './notify.schema.js';

// Notifications (issue 18): the campaign page's "Notify me" and its notifications-and-stalls page,
// the profile's subscriptions and addresses, each with its JSON twin.
export function notifyRoutes(services: Services): Router {
  const r = Router();
  r.use(['/experiments', '/api/v1/experiments', '/api/v1/notifications', '/profile'], requireUser);
  const subs = services.notify.subscriptions;
  const stalls = services.notify.stalls;
  const campaignView = async (req: Request, exp: string, id: number) => ({
    ...(await subs.forCampaign(req.user!, exp, id)),
    stalls: await stalls.view(req.user!, exp, id),
    kinds: subs.kinds,
    channels: subs.available,
  });
  const back = (exp: string, id: number) =>
    `/experiments/${encodeURIComponent(exp)}/campaigns/${id}/notifications`;

  // The campaign page's partial reads res.locals.notifyMe (its state for the signed-in user).
  r.get('/experiments/:exp/campaigns/:id', async (req, res, next) => {
    const p = campaignParams.safeParse(req.params);
    if (p.success && req.user)
      res.locals.notifyMe = await subs.forCampaign(req.user, p.data.exp, p.data.id).catch(() => null);
    next();
  });

  r.get('/experiments/:exp/campaigns/:id/notifications', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    res.render('pages/notify/campaign.njk', { exp, view: await campaignView(req, exp, id) });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id/notifications',
      tag: 'notifications',
      summary: "The caller's subscriptions for a campaign and the campaign's stall thresholds",
      params: campaignParams,
    },
    ({ params, req }) => campaignView(req, params.exp, params.id),
  );

  r.post('/experiments/:exp/campaigns/:id/notify', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    if (req.body?.notify === 'off') {
      await subs.remove(req.user!, exp, id);
      flash(req, 'success', 'You will no longer be notified about this campaign');
    } else {
      const b = subscriptionBody.parse(req.body ?? {});
      await subs.save(req.user!, { experiment: exp, campaignId: id, ...b });
      flash(req, 'success', `You will be notified about this campaign (${b.kinds.length} kind(s) of event)`);
    }
    res.redirect(
      303,
      req.body?.back === 'page' ? back(exp, id) : `/experiments/${encodeURIComponent(exp)}/campaigns/${id}`,
    );
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/campaigns/:id/subscription',
      tag: 'notifications',
      summary: "Subscribe the caller to a campaign's events (no kinds: every kind)",
      params: campaignParams,
      body: subscriptionBody,
    },
    ({ params, body, req }) =>
      subs.save(req.user!, { experiment: params.exp, campaignId: params.id, ...body }),
  );
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/campaigns/:id/subscription',
      tag: 'notifications',
      summary: "Unsubscribe the caller from a campaign's events",
      params: campaignParams,
    },
    ({ params, req }) => subs.remove(req.user!, params.exp, params.id),
  );

  r.post('/experiments/:exp/campaigns/:id/stall-hours', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    await stalls.setCampaign(req.user!, exp, id, stallBody.parse(req.body ?? {}));
    flash(req, 'success', 'Stall thresholds saved');
    res.redirect(303, back(exp, id));
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/campaigns/:id/stall-hours',
      tag: 'notifications',
      summary: 'Set "no file progress in N hours" for a campaign and its stages (null: inherit)',
      params: campaignParams,
      body: stallBody,
    },
    ({ params, body, req }) => stalls.setCampaign(req.user!, params.exp, params.id, body),
  );
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/stall-hours',
      tag: 'notifications',
      summary: "Set an experiment's default stall threshold in hours (null: the site's)",
      params: experimentParams,
      body: experimentStallBody,
    },
    ({ params, body, req }) => stalls.setExperiment(req.user!, params.exp, body.stall_hours),
  );

  // The experiment page's form (partial pages/experiments/_stall-hours.njk).
  r.post('/experiments/:exp/stall-hours', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { stall_hours } = experimentStallBody.parse(req.body ?? {});
    await stalls.setExperiment(req.user!, exp, stall_hours);
    flash(
      req,
      'success',
      stall_hours === null
        ? `Campaigns of ${exp} that set none now stall after the site's ${stalls.defaultHours} h`
        : `Campaigns of ${exp} that set none now stall after ${stall_hours} h without a located file`,
    );
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}#stall-hours`);
  });

  // The profile's section (partial pages/profile/_notifications.njk) reads res.locals.notifications.
  r.get('/profile', async (req, res, next) => {
    res.locals.notifications = await subs.mine(req.user!);
    next();
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/notifications',
      tag: 'notifications',
      summary: "The caller's subscriptions and addresses",
    },
    ({ req }) => subs.mine(req.user!),
  );
  r.post('/profile/notifications', async (req, res) => {
    const b = experimentSubscriptionBody.parse(req.body ?? {});
    await subs.save(req.user!, { campaignId: null, ...b });
    flash(req, 'success', `Subscribed to ${b.experiment}`);
    res.redirect(303, '/profile#notifications');
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/notifications/subscriptions',
      tag: 'notifications',
      summary: "Subscribe the caller to an experiment's events (no kinds: every kind)",
      body: experimentSubscriptionBody,
      status: 201,
    },
    ({ body, req }) => subs.save(req.user!, { campaignId: null, ...body }),
  );
  r.post('/profile/notifications/remove', async (req, res) => {
    const b = unsubscribeBody.parse(req.body ?? {});
    await subs.remove(req.user!, b.experiment, b.campaign_id);
    flash(req, 'success', 'Subscription removed');
    res.redirect(303, '/profile#notifications');
  });
  r.post('/profile/notifications/settings', async (req, res) => {
    await subs.saveSettings(req.user!, settingsBody.parse(req.body ?? {}));
    flash(req, 'success', 'Notification addresses saved');
    res.redirect(303, '/profile#notifications');
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/notifications/settings',
      tag: 'notifications',
      summary: "The caller's notification e-mail (null: the account's) and webhook URL",
      body: settingsBody,
    },
    ({ body, req }) => subs.saveSettings(req.user!, body),
  );
  return r;
}
