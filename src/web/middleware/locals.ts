import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config/config-schema.js';
import { rolesAvailable } from '../../domain/permissions/roles.js';
import { csrfToken } from './csrf.js';

/** What every page template can use: the user, the switchers, the CSRF token, the current path. */
export function locals(config: Readonly<Config>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const u = req.user;
    res.locals.user = u;
    res.locals.authMode = config.auth.mode;
    res.locals.cronTimezone = config.loops.cron_timezone;
    res.locals.currentPath = req.path;
    // Same-site path and query of this page: the `back` field of action forms.
    res.locals.currentUrl = req.originalUrl.startsWith('/') ? req.originalUrl : '/';
    res.locals.query = req.query;
    // Made when a page is rendered (express spreads res.locals then), and only for a browser that
    // signs in with the session cookie: a JSON answer, a page for someone not signed in (the
    // sign-in form makes its own) or a request authenticated otherwise (token, SSO or development
    // header) stores no session row for it.
    Object.defineProperty(res.locals, 'csrf', {
      enumerable: true,
      configurable: true,
      get: () => (req.session && req.authVia === 'session' ? csrfToken(req) : ''),
    });
    if (u) {
      res.locals.experiments = Object.keys(u.memberships).sort();
      const memberRole = u.experiment ? (u.memberships[u.experiment] ?? null) : null;
      res.locals.roles = rolesAvailable(memberRole, u.root);
    }
    next();
  };
}
