import { Router } from 'express';
import { MAX_BARS } from '../../../services/overview/timeline-service.js';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { campaignParams, timelineQuery } from './timeline.schema.js';
import { timelineDrawing } from './timeline-view.js';

// Time bars of a campaign's submissions. The window moves by query parameters (tmin, tmax) and
// links; the drawing is SVG made on the server, so it needs no script and no charting library.
export function timelineRoutes(services: Services): Router {
  const r = Router();

  r.get('/experiments/:exp/campaigns/:id/timeline', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const timeline = await services.timeline.campaign(req.user!, exp, id, timelineQuery.parse(req.query));
    const page = `/experiments/${encodeURIComponent(exp)}/campaigns/${id}/timeline`;
    res.render('pages/timeline/show.njk', {
      exp,
      timeline,
      maxBars: MAX_BARS,
      drawing: timelineDrawing(timeline, exp, page),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id/timeline',
      tag: 'overview',
      summary:
        'Time bars of a campaign’s submissions by stage: the bars, or counts per time bucket and status when the window holds many',
      params: campaignParams,
      query: timelineQuery,
    },
    ({ params, query, req }) => services.timeline.campaign(req.user!, params.exp, params.id, query),
  );
  return r;
}
