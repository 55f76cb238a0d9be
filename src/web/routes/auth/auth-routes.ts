import { Router, type Request } from 'express';
import type { Config } from '../../../config/config-schema.js';
import type { Services } from '../../../services/services.js';
import { AppError } from '../../../lib/errors.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { csrfToken, requireCsrfToken } from '../../middleware/csrf.js';
import { flash } from '../../middleware/flash.js';
import { isPath } from '../../same-site-path.js';
import {
  sessionApiBody,
  signInBody,
  signInQuery,
  switchExperimentBody,
  switchRoleBody,
} from './auth.schema.js';

/** Only same-site paths are followed after sign-in or a switch. */
function safeBack(req: Request, fallback = '/'): string {
  const ref = req.get('referer');
  if (!ref) return fallback;
  try {
    const u = new URL(ref);
    return u.host === req.get('host') ? u.pathname + u.search : fallback;
  } catch {
    return fallback;
  }
}

export function authRoutes(services: Services, config: Readonly<Config>): Router {
  const r = Router();

  r.get('/sign-in', async (req, res) => {
    if (config.auth.mode !== 'dev') return res.redirect(303, '/');
    const { next } = signInQuery.parse(req.query);
    res.render('pages/auth/sign-in.njk', {
      choices: await services.identity.signInChoices(),
      next: isPath(next) ? next : undefined,
      // The one page that starts a session before anyone signs in: its post needs the token.
      csrf: csrfToken(req),
    });
  });

  // The form's CSRF token: another site must not sign a browser in as a user of its choosing.
  r.post('/sign-in', async (req, res, next) => {
    if (config.auth.mode !== 'dev') throw new AppError('not_found', 'sign-in is handled by the site sign-on');
    next();
  });
  r.post('/sign-in', requireCsrfToken, async (req, res) => {
    const { username, next } = signInBody.parse(req.body);
    const user = await services.identity.loadUser(username);
    if (!user)
      throw new AppError('invalid_input', `no user named ${username}`, [
        { field: 'username', message: 'unknown' },
      ]);
    await new Promise<void>((ok, fail) => req.session.regenerate((e) => (e ? fail(e) : ok())));
    req.session.username = user.username;
    req.session.signedInVia = 'dev';
    await services.identity.recordLogin(user.experimenterId);
    flash(req, 'success', `Signed in as ${user.displayName}`);
    res.redirect(303, isPath(next) ? next : '/');
  });

  r.post('/sign-out', (req, res) => {
    req.session.destroy(() => res.redirect(303, config.auth.mode === 'dev' ? '/sign-in' : '/'));
  });

  r.post('/session/experiment', requireUser, async (req, res) => {
    const { experiment } = switchExperimentBody.parse(req.body);
    const u = await services.identity.switchExperiment(req.user!, experiment);
    flash(req, 'info', `Now in ${u.experiment} as ${u.role}`);
    res.redirect(
      303,
      safeBack(req).replace(/^\/experiments\/[^/?]+/, `/experiments/${encodeURIComponent(experiment)}`),
    );
  });

  r.post('/session/role', requireUser, async (req, res) => {
    const { role } = switchRoleBody.parse(req.body);
    const u = await services.identity.switchRole(req.user!, role);
    flash(req, 'info', `Now acting as ${u.role} in ${u.experiment}`);
    res.redirect(303, safeBack(req));
  });

  // JSON twins.
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/me',
      tag: 'session',
      summary: 'Who you are, your memberships and current experiment and role',
    },
    async ({ req }) => {
      const { experimenterId, username, displayName, root, memberships, experiment, role } = req.user!;
      const t = req.apiToken;
      const lab = req.labToken;
      return {
        experimenter_id: experimenterId,
        username,
        display_name: displayName,
        root,
        memberships,
        experiment,
        role,
        auth_via: req.authVia,
        signed_in_via: req.authVia === 'session' ? (req.session.signedInVia ?? 'dev') : req.authVia,
        membership_sources: await services.identity.membershipSources(experimenterId),
        token:
          t && req.authVia === 'token'
            ? { name: t.name, prefix: t.prefix, experiment: t.experiment, max_role: t.maxRole }
            : null,
        lab_token: lab
          ? {
              issuer: lab.issuer,
              subject: lab.subject,
              user_from: lab.from,
              experiment: lab.experiment,
              expires_at: lab.expiresAt?.toISOString() ?? null,
            }
          : null,
      };
    },
    requireUser,
  );

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/session',
      tag: 'session',
      summary: 'Switch your current experiment and/or role',
      body: sessionApiBody,
    },
    async ({ body, req }) => {
      let u = req.user!;
      if (body.experiment) u = await services.identity.switchExperiment(u, body.experiment);
      if (body.role) u = await services.identity.switchRole(u, body.role);
      return { experiment: u.experiment, role: u.role };
    },
    requireUser,
  );

  return r;
}
