import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import type { UserContext } from '../../../services/user-context.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { heldLaunchParams, holdBody, scheduleBody, stageParams } from './launches.schema.js';

// Holds (a stage, or every launch of an experiment), the queue of held launches, and schedules.
export function holdsRoutes(services: Services): Router {
  const r = Router();
  const act = services.launchActions;
  r.use(
    [
      '/experiments/:exp/stages',
      '/experiments/:exp/held-launches',
      '/experiments/:exp/launch-hold',
      '/api/v1/experiments',
    ],
    requireUser,
  );
  // Shared by the pages and their JSON twins (stageTarget: the stage is one of the experiment's).
  /** Holds or releases a stage; releasing launches its queue in order and returns those launches. */
  const setStageHold = async (user: UserContext, exp: string, id: number, held: boolean) => {
    await act.stageTarget(id, exp);
    if (!held) return services.holds.releaseStage(user, id);
    await services.holds.holdStage(user, id);
    return [];
  };
  const setSchedule = async (user: UserContext, exp: string, id: number, cron: string) => {
    await act.stageTarget(id, exp);
    return services.schedules.setSchedule(user, id, cron || null);
  };

  // Holds and the queue.
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/stages/:id/hold',
      tag: 'launches',
      summary: 'Hold (held=true) or release a stage; releasing launches its queue in order',
      params: stageParams,
      body: holdBody,
    },
    async ({ params, body, req }) => ({
      held: body.held,
      released: await setStageHold(req.user!, params.exp, params.id, body.held),
    }),
  );
  r.post('/experiments/:exp/stages/:id/hold', async (req, res) => {
    const { exp, id } = stageParams.parse(req.params);
    const { held } = holdBody.parse(req.body);
    const released = await setStageHold(req.user!, exp, id, held);
    flash(
      req,
      'success',
      held
        ? 'Stage held: its launches are queued'
        : `Stage released; ${released.length} queued launch(es) started`,
    );
    res.redirect(303, req.get('referer') ?? `/experiments/${encodeURIComponent(exp)}/held-launches`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/launch-hold',
      tag: 'launches',
      summary: 'Experiment-wide launch hold (superuser)',
      params: stageParams.pick({ exp: true }),
      body: holdBody,
    },
    async ({ params, body, req }) => ({
      held: body.held,
      released: await services.holds.setExperimentHold(req.user!, params.exp, body.held),
    }),
  );
  r.post('/experiments/:exp/launch-hold', async (req, res) => {
    const exp = String(req.params.exp);
    const { held } = holdBody.parse(req.body);
    const out = await services.holds.setExperimentHold(req.user!, exp, held);
    flash(
      req,
      'success',
      held
        ? `All launches of ${exp} are now held`
        : `Launches of ${exp} allowed; ${out.length} queued launch(es) started`,
    );
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}/held-launches`);
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/held-launches',
      tag: 'launches',
      summary: 'Queued launches, oldest first',
      params: stageParams.pick({ exp: true }),
    },
    async ({ params, req }) => ({
      items: await services.holds.list(req.user!, params.exp),
    }),
  );
  r.get('/experiments/:exp/held-launches', async (req, res) => {
    const exp = String(req.params.exp);
    const e = await services.experiments.get(req.user!, exp);
    res.render('pages/launches/held.njk', {
      exp,
      experiment: e,
      items: await services.holds.list(req.user!, exp),
    });
  });
  r.post('/experiments/:exp/held-launches/:hid/remove', async (req, res) => {
    const { exp, hid } = heldLaunchParams.parse(req.params);
    await services.holds.removeHeld(req.user!, hid);
    flash(req, 'success', `Queued launch ${hid} removed`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}/held-launches`);
  });

  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/stages/:id/schedule',
      tag: 'launches',
      summary: 'Set (cron syntax) or clear a stage launch schedule',
      params: stageParams,
      body: scheduleBody,
    },
    async ({ params, body, req }) => ({
      cron_schedule: await setSchedule(req.user!, params.exp, params.id, body.cron_schedule),
    }),
  );
  r.post('/experiments/:exp/stages/:id/schedule', async (req, res) => {
    const { exp, id } = stageParams.parse(req.params);
    const { cron_schedule } = scheduleBody.parse(req.body);
    const s = await setSchedule(req.user!, exp, id, cron_schedule);
    flash(req, 'success', s ? `Launches scheduled: ${s}` : 'Schedule cleared');
    res.redirect(303, req.get('referer') ?? `/experiments/${encodeURIComponent(exp)}`);
  });

  return r;
}
