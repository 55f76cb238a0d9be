import { Router, type NextFunction, type Request, type Response } from 'express';
import * as z from 'zod';
import type { Services } from '../../../services/services.js';
import { AppError } from '../../../lib/errors.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { mergeServiceStates } from '../../../services/process-heartbeat.js';
import { registryAdminRoutes } from './admin-registry-routes.js';

const loopParams = z.object({ name: z.string().min(1) });
const runDueBody = z.object({
  at: z.iso.datetime({
    offset: true,
    error: 'at: an ISO date-time with a time zone, e.g. 2026-12-07T10:05:00Z',
  }),
});

function requireRoot(req: Request, _res: Response, next: NextFunction) {
  next(req.user?.root ? undefined : new AppError('forbidden', 'only root may use the admin pages'));
}

/** Root only: background loops (last run, result, next run, "run now"), the external services' status, the registry sync. */
export function adminRoutes(services: Services): Router {
  const r = Router();
  r.use(['/admin', '/api/v1/admin'], requireUser, requireRoot);
  /** Every process on the database (heartbeat rows) and the services as the live ones saw them. */
  const statusOfAll = async () => {
    const processes = await services.heartbeat.processes();
    return { services: mergeServiceStates(processes), processes, health: await services.health.check() };
  };
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/admin/loops',
      tag: 'admin',
      summary: 'Background loops and their last runs',
    },
    async () => ({
      items: await services.loops.status(),
    }),
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/admin/status',
      tag: 'admin',
      summary:
        "Every app process (heartbeats), each external service's last success and error over the live processes, and the health checks",
    },
    statusOfAll,
  );
  r.get('/admin/status', async (_req, res) => {
    res.render('pages/admin/status.njk', await statusOfAll());
  });
  registryAdminRoutes(r, services);
  r.get('/admin/loops', async (_req, res) => {
    res.render('pages/admin/loops.njk', { loops: await services.loops.status() });
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/admin/loops/:name/run',
      tag: 'admin',
      summary: 'Run a loop now and wait for its result',
      params: loopParams,
    },
    ({ params }) => {
      if (!services.loops.names().includes(params.name))
        throw new AppError('not_found', `no loop named ${params.name}`);
      return services.loops.runNow(params.name);
    },
  );
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/admin/schedules/run-due',
      tag: 'admin',
      summary:
        'Fire the launch schedules due at a given time (replay a tick missed during an outage); each tick launches at most once',
      body: runDueBody,
    },
    async ({ body }) => {
      const at = new Date(body.at);
      return { at: at.toISOString(), items: await services.scheduler.runDue(at) };
    },
  );
  r.post('/admin/loops/:name/run', async (req, res) => {
    const { name } = loopParams.parse(req.params);
    if (!services.loops.names().includes(name)) throw new AppError('not_found', `no loop named ${name}`);
    const out = await services.loops.runNow(name);
    flash(
      req,
      out.ok === false ? 'error' : 'success',
      out.ran ? `${name}: ${out.result}` : `${name} was already running`,
    );
    res.redirect(303, '/admin/loops');
  });
  return r;
}
