import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { stagePageParams, stagePageQuery } from './stage-page.schema.js';

// The JSON twin of the whole stage page (configuration and operations). The page itself is
// GET /experiments/:exp/stages/:sid in routes/stages, rendered from the same service call.
export function stagePageRoutes(services: Services): Router {
  const r = Router();
  r.use('/api/v1/experiments', requireUser);
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/stages/:id/page',
      tag: 'stages',
      summary:
        'The stage page: configuration, job type and login setup, split state and the next launch, schedule, holds, recent launches, allowed actions',
      params: stagePageParams,
      query: stagePageQuery,
    },
    ({ params, query, req }) => services.stagePages.get(req.user!, params.exp, params.id, query),
  );
  return r;
}
