import { Router } from 'express';
import type { Services } from '../../../services/services.js';

/** Liveness and dependencies: 200 when every check is ok, 503 otherwise; never needs a sign-in. */
export function healthRoutes(services: Services): Router {
  const r = Router();
  r.get('/health', async (_req, res) => {
    const report = await services.health.check();
    res.status(report.ok ? 200 : 503).json(report);
  });
  return r;
}
