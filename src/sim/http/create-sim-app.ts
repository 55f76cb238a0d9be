import express from 'express';
import type { SimWorld } from '../world/sim-world.js';
import { adminRoutes, type AdminHooks } from '../admin/admin-routes.js';
import { jobsubRoutes } from '../jobsub/jobsub-routes.js';
import type { FifeLaunchDeps } from '../jobsub/fife-launch.js';
import { ddRoutes } from '../dd/dd-routes.js';
import { lensRoutes } from '../lens/lens-routes.js';
import { metacatRoutes } from '../metacat/metacat-routes.js';
import { rucioRoutes } from '../rucio/rucio-routes.js';
import { samRoutes } from '../sam/http/sam-routes.js';
import type { SamWriteAuth } from '../sam/http/sam-write-auth.js';
import { ferryRoutes, registryAdminRoutes } from '../registry/ferry-routes.js';
import type { RegistryDirectory } from '../registry/registry-directory.js';

/**
 * The simulator's HTTP fronts: `/sam`, `/lens`, `/metacat/app` (MetaCat's `/data/…`), `/dd/data`
 * (Data Dispatcher), `/rucio`, `/ferry` (the lab registry), `/sim/jobsub`, `/sim/admin`,
 * `/sim/health`. MetaCat, DD and Rucio accept the same tokens as SAM's writes.
 */
export function createSimApp(
  world: SimWorld,
  opts: FifeLaunchDeps & AdminHooks & { samAuth: SamWriteAuth; registry: RegistryDirectory },
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/sam', samRoutes(world, opts.samAuth));
  app.use('/lens', lensRoutes(world));
  app.use('/metacat/app', metacatRoutes(world, opts.samAuth.tokens));
  app.use('/dd/data', ddRoutes(world, opts.samAuth.tokens));
  app.use('/rucio', rucioRoutes(world, opts.samAuth.tokens));
  app.use('/ferry', ferryRoutes(opts.registry));
  app.use('/sim/jobsub', jobsubRoutes(world, opts));
  app.use('/sim/admin/registry', registryAdminRoutes(opts.registry));
  app.use('/sim/admin', adminRoutes(world, opts));
  app.get('/sim/health', (_req, res) => res.json({ ok: true, now: new Date(world.now()).toISOString() }));
  app.use((_req, res) => res.status(404).type('text/plain').send('Not found\n'));
  app.use(
    (
      err: Error & { status?: number },
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      // body-parser errors carry their own 4xx status
      res
        .status(err.status ?? 500)
        .type('text/plain')
        .send(`FIFE simulator error: ${err.message}\n`);
    },
  );
  return app;
}
