import { Router } from 'express';
import type { Config } from '../../../config/config-schema.js';
import { AppError } from '../../../lib/errors.js';
import type { Services } from '../../../services/services.js';
import { flash } from '../../middleware/flash.js';
import { isPath } from '../../same-site-path.js';
import { signInQuery } from './auth.schema.js';

const sameSite = (p: string | undefined) => (isPath(p) ? p : '/');

// Sign-in at the site's OpenID Connect provider (`[auth] mode = oidc`): /auth/login sends the
// browser there with a fresh state, nonce and PKCE verifier kept in its session; /auth/callback
// checks them, finds the user (created from the registry at a first sign-in) and starts the session.
export function oidcRoutes(services: Services, config: Readonly<Config>): Router {
  const r = Router();
  const sso = services.oidc;
  if (!sso) return r;

  r.get('/sign-in', (req, res) => {
    const { next } = signInQuery.parse(req.query);
    res.redirect(303, isPath(next) ? `/auth/login?next=${encodeURIComponent(next)}` : '/auth/login');
  });

  r.get('/auth/login', async (req, res) => {
    const { next } = signInQuery.parse(req.query);
    const { url, pending } = await sso.start(isPath(next) ? next : undefined);
    req.session.oidc = pending;
    res.redirect(303, url);
  });

  r.get('/auth/callback', async (req, res) => {
    const pending = req.session.oidc;
    delete req.session.oidc;
    const here = new URL(req.originalUrl, config.oidc.redirect_url ?? config.server.base_url);
    const who = await sso.finish(here, pending);
    await services.registry?.provision(who.username);
    const user = await services.identity.loadUser(who.username);
    if (!user)
      throw new AppError('forbidden', `${who.username} signed in at the provider but is not a POMS user`);
    await new Promise<void>((ok, fail) => req.session.regenerate((e) => (e ? fail(e) : ok())));
    req.session.username = user.username;
    req.session.signedInVia = 'oidc';
    req.session.idToken = who.idToken;
    req.session.groups = who.groups;
    await services.identity.recordLogin(user.experimenterId);
    flash(req, 'success', `Signed in as ${user.displayName}`);
    res.redirect(303, sameSite(pending?.returnTo));
  });

  // Sign-out ends the provider's session too (its end_session endpoint), then comes back here.
  r.post('/sign-out', async (req, res) => {
    const idToken = req.session.idToken;
    const home = `${(config.server.base_url ?? '').replace(/\/$/, '')}/signed-out`;
    await new Promise<void>((ok) => req.session.destroy(() => ok()));
    res.redirect(303, (await sso.endSessionUrl(idToken, home)) ?? '/signed-out');
  });
  r.get('/signed-out', (_req, res) => res.render('pages/auth/signed-out.njk', {}));
  return r;
}
