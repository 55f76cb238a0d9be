import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { requireUser } from '../../middleware/authenticate.js';
import { progressRoutes } from '../progress/progress-routes.js';
import { shifterRoutes } from '../shifter/shifter-routes.js';
import { timelineRoutes } from '../timeline/timeline-routes.js';
import { overviewRoutes } from './overview-routes.js';

/** The pages people live in (issue 8, items 5–8): one mount point for app.ts. */
export function overviewAreaRoutes(services: Services): Router {
  const r = Router();
  r.use(
    ['/experiments', '/api/v1/experiments', '/overview', '/api/v1/overview', '/watching', '/api/v1/watching'],
    requireUser,
  );
  r.use(progressRoutes(services));
  r.use(timelineRoutes(services));
  r.use(shifterRoutes(services));
  r.use(overviewRoutes(services));
  return r;
}
