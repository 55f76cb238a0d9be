import type { Request, RequestHandler, Response, Router } from 'express';
import * as z from 'zod';

// Every /api/v1 route is declared through `api()`, which registers the Express handler and keeps
// its zod schemas, so the OpenAPI document is generated from the same schemas that validate
// requests (no hand-written copy to drift).

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: HttpMethod;
  /** Express path, e.g. '/api/v1/experiments/:exp/members'. */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of a success answer, for the documentation. */
  response?: z.ZodType;
  /** Status of a success answer (default 200). */
  status?: number;
  /** Body is plain text (e.g. an .ini file) rather than JSON. */
  bodyType?: 'json' | 'text' | 'form';
}

export interface ApiInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

export interface RegisteredApi {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status: number;
  bodyType: 'json' | 'text' | 'form';
}

export const apiRegistry: RegisteredApi[] = [];

/**
 * Declares one API route. The handler receives parsed params/query/body; a returned value is sent
 * as JSON with `status`; returning undefined means the handler answered itself.
 */
export function api<
  P extends z.ZodType = z.ZodAny,
  Q extends z.ZodType = z.ZodAny,
  B extends z.ZodType = z.ZodAny,
>(
  router: Router,
  spec: ApiSpec<P, Q, B>,
  handler: (input: ApiInput<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<unknown> | unknown,
  ...middleware: RequestHandler[]
): void {
  const key = `${spec.method} ${spec.path}`;
  if (!apiRegistry.some((r) => `${r.method} ${r.path}` === key))
    apiRegistry.push({
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      tag: spec.tag,
      params: spec.params,
      query: spec.query,
      body: spec.body,
      response: spec.response,
      status: spec.status ?? 200,
      bodyType: spec.bodyType ?? 'json',
    });
  router[spec.method](spec.path, ...middleware, async (req: Request, res: Response) => {
    const params = (spec.params ? spec.params.parse(req.params) : req.params) as z.infer<P>;
    const query = (spec.query ? spec.query.parse(req.query) : req.query) as z.infer<Q>;
    const body = (spec.body ? spec.body.parse(req.body ?? {}) : req.body) as z.infer<B>;
    const out = await handler({ params, query, body, req, res });
    if (out !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(out);
    else if (!res.headersSent) res.status(spec.status === 200 || !spec.status ? 204 : spec.status).end();
  });
}
