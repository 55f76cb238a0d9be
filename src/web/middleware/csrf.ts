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

/** A request a browser made (browsers send Origin on POST and Sec-Fetch-* everywhere; scripts do not). */
export function fromBrowser(req: Request): boolean {
  return req.get('origin') !== undefined || req.get('sec-fetch-site') !== undefined;
}

/** A request another site made the browser send (what the SSO proxy cannot tell from a real one). */
export function crossSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.get('origin');
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== (req.get('x-forwarded-host') ?? req.get('host'));
  } catch {
    return true; // "null" (sandboxed frame, file:) or garbage
  }
}

/** True when the request carries the session's CSRF token (form field `_csrf` or `X-CSRF-Token`). */
export function hasCsrfToken(req: Request): boolean {
  const sent =
    (req.body && typeof req.body === 'object' ? req.body._csrf : undefined) ?? req.get('x-csrf-token');
  const expected = req.session?.csrf;
  return typeof sent === 'string' && !!expected && same(sent, expected);
}

const expired = () =>
  new AppError(
    'forbidden',
    'the form has expired or did not come from this site: reload the page and try again',
  );

/**
 * Every state-changing request whose credential a browser sends by itself must carry the CSRF
 * token: the session cookie always; the SSO proxy's header when another site made the browser send
 * the request. An API token and the development X-Remote-User header are never sent by a browser
 * on its own (a custom header from another site needs CORS, which we do not grant), so they pass;
 * no session is needed for them.
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  if (!UNSAFE.has(req.method)) return next();
  const needs = req.authVia === 'session' || (req.authVia === 'header' && crossSite(req));
  if (!needs || hasCsrfToken(req)) return next();
  next(expired());
}

/** For a form that is posted before anyone is signed in (the sign-in form). */
export function requireCsrfToken(req: Request, _res: Response, next: NextFunction): void {
  if (hasCsrfToken(req)) return next();
  next(expired());
}
