import type { Request, Router } from 'express';
import * as z from 'zod';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { pageQuery, pageRequest } from '../../page-query.js';

export const registryQuery = pageQuery.extend({
  /** The run whose changes are listed; the newest when absent. */
  sync: z.coerce.number().int().min(1, 'sync: a registry sync id').optional(),
  runs_page: z.coerce.number().int().min(1).catch(1),
});

/** Root only (the caller's router guards /admin): the registry sync's last runs and one run's changes. */
export function registryAdminRoutes(r: Router, services: Services) {
  const load = (req: Request) => {
    const q = registryQuery.parse(req.query);
    return services.registryReport.view({
      sync: q.sync,
      runsPage: q.runs_page,
      changes: pageRequest(req.query),
    });
  };
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/admin/registry',
      tag: 'admin',
      summary:
        "The registry sync's last runs (paged by runs_page) and the changes of one run (sync, newest by default)",
      query: registryQuery,
    },
    ({ req }) => load(req),
  );
  r.get('/admin/registry', async (req, res) => {
    const view = await load(req);
    const query = { ...req.query, sync: view.sync?.sync_id };
    res.render('pages/admin/registry.njk', { ...view, base: '/admin/registry', query });
  });
}
