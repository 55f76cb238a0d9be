import { Router, type Request } from 'express';
import type { FailureLevel } from '../../../services/failures/failure-service.js';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { pageRequest } from '../../page-query.js';
import { experimentParams, failuresQuery, scopedParams } from './failures.schema.js';

const PAGES: Array<{ level: FailureLevel; path: string; summary: string }> = [
  { level: 'experiment', path: '/experiments/:exp/failures', summary: "The experiment's" },
  { level: 'campaign', path: '/experiments/:exp/campaigns/:id/failures', summary: "A campaign's" },
  { level: 'stage', path: '/experiments/:exp/stages/:id/failures', summary: "A stage's" },
];

// Failures grouped by cause (issue 18): the experiment's, a campaign's and a stage's, paginated,
// each page with its JSON twin from the same service call.
export function failuresRoutes(services: Services): Router {
  const r = Router();
  r.use([...PAGES.map((p) => p.path), ...PAGES.map((p) => `/api/v1${p.path}`)], requireUser);
  for (const p of PAGES) {
    const load = (req: Request) => {
      const params =
        p.level === 'experiment'
          ? { ...experimentParams.parse(req.params), id: undefined }
          : scopedParams.parse(req.params);
      return services.failures.breakdown(req.user!, params.exp, p.level, params.id, pageRequest(req.query));
    };
    api(
      r,
      {
        method: 'get',
        path: `/api/v1${p.path}`,
        tag: 'failures',
        summary: `${p.summary} failed and held jobs and failed files, grouped by normalised cause`,
        params: p.level === 'experiment' ? experimentParams : scopedParams,
        query: failuresQuery,
      },
      ({ req }) => load(req),
    );
    r.get(p.path, async (req, res) => {
      // fragment=1: the table alone, for the stage page's section
      const view = req.query.fragment === '1' ? 'fragment' : 'index';
      res.render(`pages/failures/${view}.njk`, { exp: req.params.exp, base: req.path, ...(await load(req)) });
    });
  }
  return r;
}
