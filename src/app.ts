import zlib from 'node:zlib';
import compression from 'compression';
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Config } from './config/config-schema.js';
import { invalid } from './lib/errors.js';
import { MAX_JSON_DEPTH, shallowEnough } from './lib/json-depth.js';
import type { Services } from './services/services.js';
import { authenticate } from './web/middleware/authenticate.js';
import { saveSessionBeforeRedirect } from './web/middleware/save-before-redirect.js';
import { csrfProtection } from './web/middleware/csrf.js';
import { multipartForm } from './web/middleware/multipart-form.js';
import { errorHandler, notFoundHandler } from './web/middleware/error-handler.js';
import { flashLocals } from './web/middleware/flash.js';
import { KnexSessionStore } from './web/middleware/knex-session-store.js';
import { locals } from './web/middleware/locals.js';
import { requestContext } from './web/middleware/request-context.js';
import { metricsRoutes } from './web/routes/metrics/metrics-routes.js';
import { adminRoutes } from './web/routes/admin/admin-routes.js';
import { apiDocsRoutes } from './web/routes/api-docs/api-docs-routes.js';
import { compatErrorHandler, compatRoutes } from './web/routes/compat/compat-routes.js';
import { fileCountsRoutes } from './web/routes/file-counts/file-counts-routes.js';
import { profileRoutes } from './web/routes/profile/profile-routes.js';
import { notifyRoutes } from './web/routes/notify/notify-routes.js';
import { tokensRoutes } from './web/routes/tokens/tokens-routes.js';
import { authRoutes } from './web/routes/auth/auth-routes.js';
import { oidcRoutes } from './web/routes/auth/oidc-routes.js';
import { campaignAreaRoutes } from './web/routes/campaigns/campaign-area-routes.js';
import { campaignEditorAreaRoutes } from './web/routes/campaign-editor/campaign-editor-area-routes.js';
import { experimentsRoutes } from './web/routes/experiments/experiments-routes.js';
import { healthRoutes } from './web/routes/health/health-routes.js';
import { homeRoutes } from './web/routes/home/home-routes.js';
import { holdsRoutes } from './web/routes/launches/holds-routes.js';
import { launchesRoutes } from './web/routes/launches/launches-routes.js';
import { splitCursorRoutes } from './web/routes/launches/split-cursor-routes.js';
import { overviewAreaRoutes } from './web/routes/overview/overview-area-routes.js';
import { submissionActionsRoutes } from './web/routes/submissions/submission-actions-routes.js';
import { fileReportsRoutes } from './web/routes/file-reports/file-reports-routes.js';
import { stagePageRoutes } from './web/routes/stage-page/stage-page-routes.js';
import { submissionPagesRoutes } from './web/routes/submission-pages/submission-pages-routes.js';
import { jobLogsRoutes } from './web/routes/job-logs/job-logs-routes.js';
import { failuresRoutes } from './web/routes/failures/failures-routes.js';
import { chainRoutes } from './web/routes/chain/chain-routes.js';
import { autoRecoveryRoutes } from './web/routes/experiments/auto-recovery-routes.js';
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
  app.use(requestContext(services.metrics));
  // Compressed answers (pages, JSON, assets) unless the reverse proxy does it (docs/operations.md),
  // at the fastest levels: gzip 6 / brotli 4 cost a 30 kB stage page 1.5–2.5 ms of CPU, more than
  // rendering it, for 15 % fewer bytes (issue 15's throughput).
  app.use(compression({ level: 1, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } } }));

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
          // Sign-out posts to POMS, which sends the browser on to the OIDC provider's end_session.
          'form-action': [
            "'self'",
            ...(config.auth.mode === 'oidc' && config.oidc.issuer
              ? [new URL(config.oidc.issuer).origin]
              : []),
          ],
        },
      },
      strictTransportSecurity: false,
      // Our own pages send their address with a form post (so a failed or finished action can go back
      // to the page it came from); other sites never see it.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  if (opts.logger)
    app.use(
      pinoHttp({
        logger: opts.logger,
        autoLogging: {
          ignore: (req) =>
            req.url?.startsWith('/health') === true || req.url?.startsWith('/vendor/') === true,
        },
        serializers: {
          req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
          res: (res: { statusCode: number }) => ({ status: res.statusCode }),
        },
      }),
    );
  app.use(staticRoutes());
  app.use(healthRoutes(services));
  app.use(metricsRoutes(services));

  app.use(express.urlencoded({ extended: false, limit: '6mb' }));
  // A nesting bound before parsing: deeper values would overflow whatever walks them (zod, jsonb).
  app.use(
    express.json({
      limit: '6mb',
      verify: (_req, _res, buf) => {
        if (!shallowEnough(buf))
          throw invalid(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`, [
            { field: 'body', message: 'too deeply nested' },
          ]);
      },
    }),
  );
  // The profile page's upload form: its fields (with _csrf) must be read before the CSRF check.
  app.use('/profile/uploads', multipartForm(config.credentials.uploads_quota_bytes + 1024 * 1024));
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
  app.use(saveSessionBeforeRedirect);
  app.use(
    authenticate(config, services.identity, services.tokens, {
      tokens: services.labTokens,
      provision: services.registry?.provision,
    }),
  );
  app.use(csrfProtection);
  app.use(flashLocals);
  app.use(locals(config));

  app.use(oidcRoutes(services, config));
  app.use(authRoutes(services, config));
  app.use(homeRoutes(services));
  app.use(experimentsRoutes(services));
  app.use(chainRoutes(services));
  app.use(campaignEditorAreaRoutes(services));
  app.use(notifyRoutes(services));
  app.use(campaignAreaRoutes(services));
  app.use(launchesRoutes(services));
  app.use(holdsRoutes(services));
  app.use(splitCursorRoutes(services));
  app.use(submissionActionsRoutes(services));
  app.use(submissionPagesRoutes(services));
  app.use(jobLogsRoutes(services));
  app.use(failuresRoutes(services));
  app.use(autoRecoveryRoutes(services));
  app.use(fileReportsRoutes(services));
  app.use(stagePageRoutes(services));
  app.use(overviewAreaRoutes(services));
  app.use(adminRoutes(services));
  app.use(apiDocsRoutes());
  app.use(tokensRoutes(services));
  app.use(profileRoutes(services));
  app.use(fileCountsRoutes(services));
  // The original poms_client's calls; its error handler also answers errors raised before it
  // (a refused token) as the client expects them: a short text, or JSON when fmt=json.
  app.use(config.compat.prefix, compatRoutes(services, config), compatErrorHandler);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
