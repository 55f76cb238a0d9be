import type { NextFunction, Request, Response } from 'express';

/**
 * Redirects wait for the session to be stored. express-session saves at the end of a response but
 * sends the headers first, so a browser following a 303 can ask for the next page before the
 * signed-in user (or the flash message) is in the store, and be sent back to sign in. Only sessions
 * holding something are saved here, so an anonymous redirect creates no session row.
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const s = req.session;
    if (!s || !Object.keys(s).some((k) => k !== 'cookie')) return redirect(...args);
    s.save((e) => (e ? next(e) : redirect(...args)));
  }) as Response['redirect'];
  next();
}
