import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../lib/errors.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session's CSRF token, created on first use. */
export function csrfToken(req: Request): string {
  req.session.csrf ??= crypto.randomBytes(24).toString('base64url');
  return req.session.csrf;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Every state-changing request that relies on the session cookie must carry the token (form field
 * `_csrf` or header `X-CSRF-Token`). Requests authenticated without a cookie (bearer token, the
 * trusted proxy header, the development X-Remote-User header) are not forgeable by another site.
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  if (!UNSAFE.has(req.method) || req.authVia !== 'session') return next();
  const sent =
    (req.body && typeof req.body === 'object' ? req.body._csrf : undefined) ?? req.get('x-csrf-token');
  const expected = req.session.csrf;
  if (typeof sent === 'string' && expected && same(sent, expected)) return next();
  next(
    new AppError(
      'forbidden',
      'the form has expired or did not come from this site: reload the page and try again',
    ),
  );
}
