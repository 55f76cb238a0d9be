import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { requireUser } from '../../middleware/authenticate.js';
import { jobTypesRoutes } from '../job-types/job-types-routes.js';
import { loginSetupsRoutes } from '../login-setups/login-setups-routes.js';
import { stagesRoutes } from '../stages/stages-routes.js';
import { campaignIniRoutes } from './campaign-ini-routes.js';
import { campaignsRoutes } from './campaigns-routes.js';

/** Campaigns as data (issue 4): one mount point for app.ts. The .ini routes come before `/:id`. */
export function campaignAreaRoutes(services: Services): Router {
  const r = Router();
  r.use(
    ['/experiments', '/api/v1/experiments', '/api/v1/campaign-samples', '/api/v1/recovery-types'],
    requireUser,
  );
  r.use(campaignIniRoutes(services));
  r.use(campaignsRoutes(services));
  r.use(stagesRoutes(services));
  r.use(jobTypesRoutes(services));
  r.use(loginSetupsRoutes(services));
  return r;
}
