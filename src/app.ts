import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config/config-schema.js';
import type { Services } from './services/services.js';
import { authenticate } from './web/middleware/authenticate.js';
import { csrfProtection } from './web/middleware/csrf.js';
import { errorHandler, notFoundHandler } from './web/middleware/error-handler.js';
import { flashLocals } from './web/middleware/flash.js';
import { KnexSessionStore } from './web/middleware/knex-session-store.js';
import { locals } from './web/middleware/locals.js';
import { authRoutes } from './web/routes/auth/auth-routes.js';
import { experimentsRoutes } from './web/routes/experiments/experiments-routes.js';
import { healthRoutes } from './web/routes/health/health-routes.js';
import { homeRoutes } from './web/routes/home/home-routes.js';
import { staticRoutes } from './web/static-routes.js';
import { configureViews } from './web/views.js';

export interface AppOptions {
  logger?: Logger;
}

/** The whole web application, from services and config; main.ts and the tests both use this. */
export function createApp(services: Services, config: Readonly<Config>, opts: AppOptions = {}) {
  const app = express();
  app.disable('x-powered-by');
  if (config.server.trust_proxy) app.set('trust proxy', config.server.trust_proxy);
  configureViews(app);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
  if (opts.logger)
    app.use(
      pinoHttp({
        logger: opts.logger,
        autoLogging: { ignore: (req) => req.url === '/health' || req.url?.startsWith('/vendor/') === true },
        serializers: {
          req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
          res: (res: { statusCode: number }) => ({ status: res.statusCode }),
        },
      }),
    );
  app.use(staticRoutes());
  app.use(healthRoutes(services));

  app.use(express.urlencoded({ extended: false, limit: '6mb' }));
  app.use(express.json({ limit: '6mb' }));
  app.use(
    session({
      store: new KnexSessionStore(services.db),
      secret: config.server.session_secret,
      name: 'poms.sid',
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.server.base_url?.startsWith('https:') ?? false,
        maxAge: 7 * 24 * 3600 * 1000,
      },
    }),
  );
  app.use(authenticate(config, services.identity));
  app.use(csrfProtection);
  app.use(flashLocals);
  app.use(locals(config));

  app.use(authRoutes(services, config));
  app.use(homeRoutes(services));
  app.use(experimentsRoutes(services));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
