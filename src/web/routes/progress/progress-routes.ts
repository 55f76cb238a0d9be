import { Router, type Request } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { progressGraph } from './progress-graph.js';
import { campaignParams, progressQuery } from './progress.schema.js';

// Campaign progress: the stage graph and a table with files done / total per stage, submission
// counts and time to completion. Page and JSON twin from the same service call.
export function progressRoutes(services: Services): Router {
  const r = Router();
  const load = (req: Request) => {
    const { exp, id } = campaignParams.parse(req.params);
    const { hours } = progressQuery.parse(req.query);
    return services.progress.campaign(req.user!, exp, id, { hours });
  };

  r.get('/experiments/:exp/campaigns/:id/progress', async (req, res) => {
    const progress = await load(req);
    const exp = progress.campaign.experiment;
    res.render('pages/progress/show.njk', { exp, progress, graph: progressGraph(progress, exp) });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id/progress',
      tag: 'overview',
      summary:
        'Campaign progress in files per stage (located inputs of submitted inputs), submission counts, throughput and time to completion',
      params: campaignParams,
      query: progressQuery,
    },
    ({ params, query, req }) => services.progress.campaign(req.user!, params.exp, params.id, query),
  );
  return r;
}
