import { Router } from 'express';
import type { Services } from '../../../services/services.js';

/**
 * Health, never behind a sign-in:
 * - `/health/live`: the process answers (200, touches nothing: a restart would not help otherwise);
 * - `/health/ready`: 200 when the database answers, else 503; SAM and Lens are checked and
 *   reported but do not fail readiness (taking POMS out of service would not bring them back);
 * - `/health`: the full report, 200 only when every part answers (Lens answering GraphQL errors
 *   counts as not answering), else 503 naming the part. A data service no active experiment uses
 *   (SAM, or MetaCat / Data Dispatcher / Rucio) is checked and reported (`unused`, the report
 *   `degraded` while it fails) but does not make it 503.
 */
export function healthRoutes(services: Services): Router {
  const r = Router();
  r.get('/health/live', (_req, res) => {
    res.json({ ok: true });
  });
  r.get('/health/ready', async (_req, res) => {
    const { checks } = await services.health.check();
    const ok = checks.database?.ok === true;
    res.status(ok ? 200 : 503).json({ ok, checks });
  });
  r.get('/health', async (_req, res) => {
    const report = await services.health.check();
    res.status(report.ok ? 200 : 503).json(report);
  });
  return r;
}
