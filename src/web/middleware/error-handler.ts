import type { NextFunction, Request, Response } from 'express';
import * as z from 'zod';
import { AppError, type ProblemDetail } from '../../lib/errors.js';
import { flash } from './flash.js';

export function zodDetails(err: z.ZodError): ProblemDetail[] {
  return err.issues.map((i) => ({ field: i.path.map(String).join('.') || undefined, message: i.message }));
}

interface PgError {
  code?: string;
  detail?: string;
  table?: string;
  constraint?: string;
}

/**
 * A unique violation (PostgreSQL 23505) that no service check caught (two requests racing for one
 * name): 409 naming the field, from the violation's `Key (a, b)=(x, y)` detail.
 */
function uniqueViolation(e: PgError): AppError {
  const m = /^Key \((.+?)\)=\((.*)\) already exists/.exec(e.detail ?? '');
  const columns = m ? m[1].split(', ') : [];
  const values = m ? m[2].split(', ') : [];
  const named = columns
    .map((field, i) => ({ field, value: values[i] }))
    .filter((c) => c.field !== 'experiment' || columns.length === 1);
  const what = e.table ? e.table.replace(/_/g, ' ').replace(/s$/, '') : 'row';
  if (!named.length)
    return new AppError('conflict', `another ${what} already has these values (${e.constraint ?? 'unique'})`);
  return new AppError(
    'conflict',
    `another ${what} already has this ${named.map((c) => c.field).join(' and ')}: ${named.map((c) => c.value).join(', ')}`,
    named.map((c) => ({ field: c.field, message: 'already taken' })),
  );
}

/** Any thrown value → an AppError (unexpected ones become a generic 500 without internals). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if ((err as PgError)?.code === '23505') return uniqueViolation(err as PgError);
  if (err instanceof z.ZodError)
    return new AppError('invalid_input', 'some values are not valid', zodDetails(err));
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return new AppError('too_large', 'the request body is too large');
  if (e?.type === 'entity.parse.failed')
    return new AppError('invalid_input', `malformed request body: ${e.message}`);
  if (e?.status === 400) return new AppError('invalid_input', e.message ?? 'bad request');
  return new AppError('internal', 'something went wrong on our side; it has been logged');
}

/** "line 3 [stage reco] key: message"; the key is left out when the message already starts with it. */
export const describeProblem = (d: ProblemDetail) => {
  const name = d.key ?? d.field ?? '';
  return [
    d.line ? `line ${d.line}` : '',
    d.section ? `[${d.section}]` : '',
    name && !d.message.startsWith(name) ? name : '',
    d.message,
  ]
    .filter(Boolean)
    .join(' ');
};

export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const e = toAppError(err);
  if (e.status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) return void res.end();
  if (e.headers) res.set(e.headers);
  const wantsJson = req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
  if (wantsJson) {
    res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details } });
    return;
  }
  // A failed form post goes back to the form with the problem shown (POST-redirect-GET).
  const back = req.get('referer');
  if (req.method === 'POST' && back && e.status < 500 && e.code !== 'unauthenticated' && req.session) {
    flash(req, 'error', e.message, e.details.map(describeProblem));
    return res.redirect(303, back);
  }
  res.status(e.status).render('pages/errors/error.njk', {
    status: e.status,
    message: e.message,
    details: e.details.map(describeProblem),
    requestId: res.locals.requestId,
  });
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('not_found', `nothing at ${req.path}`));
}
