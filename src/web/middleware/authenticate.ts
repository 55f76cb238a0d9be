import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config/config-schema.js';
import type { IdentityService } from '../../services/identity-service.js';
import type { LabTokenService } from '../../services/identity/lab-token-service.js';
import type { TokenService } from '../../services/tokens/token-service.js';
import { AppError } from '../../lib/errors.js';
import { labTokenAuthenticator, looksLikeJwt } from './lab-token-auth.js';
import { bearerToken, tokenAuthenticator } from './token-auth.js';

// originalUrl, not path: under a mounted router (`r.use('/api/v1/x', requireUser)`) path is relative.
const isApi = (req: Request) => req.originalUrl.startsWith('/api/');
const under = (url: string, prefix: string) =>
  url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

/**
 * Identifies the user:
 *  - mode `dev`: the signed-in session; API requests may instead send the development header
 *    (X-Remote-User), never trusted in `header` mode.
 *  - mode `header`: the configured header set by the site's SSO proxy, accepted only from the
 *    configured proxy addresses; requests from anywhere else are refused.
 *  - both modes: `Authorization: Bearer <API token or lab JWT>` on /api/ and the poms_client
 *    compatibility routes (from anywhere: a token cannot be forged like a header); it wins over the
 *    other means. A JWT is checked against the lab's issuer ([lab_tokens]), anything else is ours.
 */
export function authenticate(
  config: Readonly<Config>,
  identity: IdentityService,
  tokens?: TokenService,
  lab?: { tokens: LabTokenService | null; provision?: (username: string) => Promise<unknown> },
) {
  const { mode, header_name: headerName, trusted_proxies: trusted } = config.auth;
  const byToken = tokens ? tokenAuthenticator(config, identity, tokens) : undefined;
  const byLabToken = labTokenAuthenticator(identity, lab?.tokens ?? null, lab?.provision);
  const scripted = (req: Request) => isApi(req) || under(req.originalUrl, config.compat.prefix);
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = byToken && scripted(req) ? bearerToken(req) : undefined;
    if (token) {
      try {
        if (looksLikeJwt(token)) {
          await byLabToken(req, token);
          next();
        } else if ((await byToken!(req, res, token)) === 'done') next();
      } catch (e) {
        next(e);
      }
      return;
    }
    let username: string | undefined;
    if (mode === 'header') {
      const peer = req.socket.remoteAddress ?? '';
      if (!trusted.includes(peer))
        return next(new AppError('forbidden', `requests from ${peer} are not accepted`));
      username = req.get(headerName)?.trim() || undefined;
      if (!username)
        return next(new AppError('unauthenticated', `no ${headerName} header from the sign-on proxy`));
      req.authVia = 'header';
    } else {
      // The development header only in dev mode; in oidc mode only the signed-in session counts.
      const devHeader = mode === 'dev' && scripted(req) ? req.get('x-remote-user')?.trim() : undefined;
      if (devHeader) {
        username = devHeader;
        req.authVia = 'dev-header';
      } else if (req.session?.username) {
        username = req.session.username;
        req.authVia = 'session';
      }
    }
    if (!username) return next();
    let row = await identity.identity(username);
    // A first sign-in through the sign-on proxy of someone the registry knows creates them.
    if (!row && req.authVia === 'header' && lab?.provision) {
      await lab.provision(username);
      row = await identity.identity(username);
    }
    if (!row) {
      if (req.authVia === 'session') {
        delete req.session.username;
        return next();
      }
      return next(new AppError('forbidden', `unknown user ${username}`));
    }
    req.identityRow = row;
    req.user = identity.contextOf(row);
    next();
  };
}

/**
 * Pages send people to sign in, the page they asked for in the address (`next`), not in a session:
 * a request without a cookie stores nothing. The API answers 401.
 */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (isApi(req)) return next(new AppError('unauthenticated', 'sign in or send credentials'));
  const back = req.method === 'GET' && req.originalUrl !== '/' ? req.originalUrl : undefined;
  res.redirect(303, back ? `/sign-in?next=${encodeURIComponent(back)}` : '/sign-in');
}
