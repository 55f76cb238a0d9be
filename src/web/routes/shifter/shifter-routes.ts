import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { flash } from '../../middleware/flash.js';
import { acknowledgeBody, experimentParams, shifterQuery } from './shifter.schema.js';

const optionsOf = (q: ReturnType<typeof shifterQuery.parse>) => ({
  stallHours: q.stall_hours,
  sinceHours: q.since_hours,
  limit: q.limit,
});

// The shifter view (phone first): what needs attention now, with one-tap actions that post to the
// existing job, relaunch and queue endpoints; acknowledging is the one action that lives here.
export function shifterRoutes(services: Services): Router {
  const r = Router();

  r.get('/experiments/:exp/shifter', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const query = shifterQuery.parse(req.query);
    const view = await services.shifter.attention(req.user!, exp, optionsOf(query));
    res.render('pages/shifter/index.njk', {
      exp,
      view,
      refreshUrl: req.originalUrl.replace(/^\/experiments/, '/api/v1/experiments'),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/shifter',
      tag: 'overview',
      summary:
        'What needs attention now, ranked: held jobs, failed submissions, stalled campaigns, queued launches',
      params: experimentParams,
      query: shifterQuery,
    },
    ({ params, query, req }) => services.shifter.attention(req.user!, params.exp, optionsOf(query)),
  );

  r.post('/experiments/:exp/shifter/acknowledge', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const ack = await services.acknowledgements.acknowledge(req.user!, exp, acknowledgeBody.parse(req.body));
    flash(req, 'success', `Acknowledged ${ack.what}: hidden until it changes again`);
    res.redirect(303, req.get('referer') ?? `/experiments/${encodeURIComponent(exp)}/shifter`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/acknowledgements',
      tag: 'overview',
      summary:
        'Acknowledge a submission or a stalled campaign: hidden from the shifter view until it changes again',
      params: experimentParams,
      body: acknowledgeBody,
      status: 201,
    },
    ({ params, body, req }) => services.acknowledgements.acknowledge(req.user!, params.exp, body),
  );
  return r;
}
