import { Router } from 'express';
import type { Services } from '../../../services/services.js';

/**
 * GET /metrics: Prometheus text, no sign-in (scrapers have none); the reverse proxy should keep it
 * from the public (docs/operations.md).
 */
export function metricsRoutes(services: Services): Router {
  const r = Router();
  r.get('/metrics', async (_req, res) => {
    res.type(services.metrics.contentType).send(await services.metrics.text());
  });
  return r;
}
