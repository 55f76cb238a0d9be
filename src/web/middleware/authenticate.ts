import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config/config-schema.js';
import type { IdentityService } from '../../services/identity-service.js';
import { AppError } from '../../lib/errors.js';

const isApi = (req: Request) => req.path.startsWith('/api/');

/**
 * Identifies the user:
 *  - mode `dev`: the signed-in session; API requests may instead send the development header
 *    (X-Remote-User), never trusted in `header` mode.
 *  - mode `header`: the configured header set by the site's SSO proxy, accepted only from the
 *    configured proxy addresses; requests from anywhere else are refused.
 */
export function authenticate(config: Readonly<Config>, identity: IdentityService) {
  const { mode, header_name: headerName, trusted_proxies: trusted } = config.auth;
  return async (req: Request, _res: Response, next: NextFunction) => {
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
      const devHeader = isApi(req) ? req.get('x-remote-user')?.trim() : undefined;
      if (devHeader) {
        username = devHeader;
        req.authVia = 'dev-header';
      } else if (req.session?.username) {
        username = req.session.username;
        req.authVia = 'session';
      }
    }
    if (!username) return next();
    const user = await identity.loadUser(username);
    if (!user) {
      if (req.authVia === 'session') {
        delete req.session.username;
        return next();
      }
      return next(new AppError('forbidden', `unknown user ${username}`));
    }
    req.user = user;
    next();
  };
}

/** Pages send people to sign in; the API answers 401. */
export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (isApi(req)) return next(new AppError('unauthenticated', 'sign in or send credentials'));
  if (req.method === 'GET') req.session.returnTo = req.originalUrl;
  res.redirect(303, '/sign-in');
}
