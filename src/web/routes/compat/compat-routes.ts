import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../../../config/config-schema.js';
import { AppError, invalid, methodNotAllowed, type ProblemDetail } from '../../../lib/errors.js';
import { fromBrowser } from '../../middleware/csrf.js';
import { compatServices } from '../../../services/compat/compat-services.js';
import type { Services } from '../../../services/services.js';
import { toAppError } from '../../middleware/error-handler.js';
import { campaignCalls } from './campaign-calls.js';
import type { CompatMethod, UploadedFile } from './compat-call.js';
import { CompatFields } from './compat-fields.js';
import { send } from './compat-reply.js';
import { compatUser } from './compat-user.js';
import { controlCalls } from './control-calls.js';
import { definitionCalls } from './definition-calls.js';
import { stageCalls } from './stage-calls.js';
import { submissionCalls } from './submission-calls.js';
import { uploadCalls } from './upload-calls.js';

/** Every poms_client method answered, by name (poms-inventory.md section 8), each saying whether it changes state. */
export const COMPAT_CALLS: Readonly<Record<string, CompatMethod>> = {
  ...campaignCalls,
  ...stageCalls,
  ...submissionCalls,
  ...definitionCalls,
  ...controlCalls,
  ...uploadCalls,
};

/** The Express paths one method answers at, under the prefix. */
export const compatPaths = (name: string) => [
  `/${name}`,
  `/${name}/:experiment`,
  `/${name}/:experiment/:role`,
  `/${name}/:experiment/:role/:user`,
];

const rawMultipart = express.raw({ type: 'multipart/form-data', limit: '6mb' });

/** upload_wf posts multipart/form-data: its fields become the body, its files res.locals.compatFiles. */
async function multipartFields(req: Request, res: Response, next: NextFunction) {
  if (!Buffer.isBuffer(req.body) || !req.is('multipart/form-data')) return next();
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(req.body), {
      headers: { 'content-type': req.get('content-type')! },
    }).formData();
  } catch (e) {
    return next(invalid(`malformed multipart body: ${(e as Error).message}`));
  }
  const fields: Record<string, string[]> = {};
  const files = new Map<string, UploadedFile>();
  for (const [k, v] of form)
    if (typeof v === 'string') (fields[k] ??= []).push(v);
    else files.set(k, { filename: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  req.body = fields;
  res.locals.compatFiles = files;
  next();
}

const fmtJson = (req: Request) =>
  req.query?.fmt === 'json' ||
  (req.body && typeof req.body === 'object' && [req.body.fmt].flat().includes('json'));

/** 405 for a GET of a method that changes state: a link must never change anything. */
const postOnly = (name: string) =>
  methodNotAllowed(
    `${name} changes state: send it as POST, or GET with an API token (a followed link never changes anything)`,
    'POST',
  );

/**
 * The original Python poms_client's calls, `<prefix>/<method>[/<experiment>/<role>[/<user>]]`,
 * with its field names and the answers it parses. A method that only reads answers GET and POST;
 * one that changes state answers POST (GET only with an API token, as the wrappers call back), and needs a credential a browser cannot be tricked
 * into sending: an API token, the SSO header (checked for cross-site requests by the global CSRF
 * middleware), a session with its CSRF token, or in dev mode the default user for a request that
 * is not from a browser.
 */
export function compatRoutes(services: Services, config: Readonly<Config>): Router {
  const r = Router();
  const compat = compatServices(services.db, services);
  r.use(rawMultipart, multipartFields);
  for (const [name, method] of Object.entries(COMPAT_CALLS)) {
    const changesState = (f: CompatFields) =>
      typeof method.mutating === 'function' ? method.mutating(f) : method.mutating;
    const handle = async (req: Request, res: Response) => {
      const { experiment, role, user: path_user } = req.params as Record<string, string | undefined>;
      const f = new CompatFields(req.query as Record<string, unknown>, req.body, {
        experiment,
        role,
        path_user,
      });
      const mutating = changesState(f);
      // The launch wrappers' callbacks GET with an API token, which a followed link never carries.
      if (mutating && req.method !== 'POST' && req.authVia !== 'token' && req.authVia !== 'lab-token')
        throw postOnly(name);
      if (mutating && !req.user && fromBrowser(req))
        throw new AppError(
          'forbidden',
          `${name} changes state: from a browser, sign in first; scripts send an API token`,
        );
      const user = await compatUser(req, f, services, config);
      const files = (res.locals.compatFiles as Map<string, UploadedFile> | undefined) ?? new Map();
      await send(
        res,
        await method.call({ f, user, exp: user.experiment!, files, services, compat }),
        fmtJson(req),
      );
    };
    r.get(compatPaths(name), handle);
    r.post(compatPaths(name), handle);
    const allow = method.mutating === true ? 'POST' : 'GET, POST';
    r.all(compatPaths(name), () => Promise.reject(methodNotAllowed(`${name} answers ${allow} only`, allow)));
  }
  return r;
}

const describe = (d: ProblemDetail) =>
  [d.line ? `line ${d.line}` : '', d.field ?? d.key ?? '', d.message].filter(Boolean).join(': ');

/** Errors as poms_client shows them: a short text (JSON `{error}` when the call asked fmt=json). */
export function compatErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const e = toAppError(err);
  if (e.status >= 500) req.log?.error({ err }, 'poms_client call failed');
  if (res.headersSent) return void res.end();
  if (e.headers) res.set(e.headers);
  if (fmtJson(req)) {
    res.status(e.status).json({ error: { code: e.code, message: e.message, details: e.details } });
    return;
  }
  res
    .status(e.status)
    .type('text/plain; charset=utf-8')
    .send([e.message, ...e.details.map(describe)].join('\n') + '\n');
}
