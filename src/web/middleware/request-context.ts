import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestStore } from '../../lib/request-store.js';
import type { Metrics } from '../../services/metrics.js';

/** An id a proxy may have given the request already (X-Request-Id), kept when it is plain. */
const SANE_ID = /^[\w.:-]{1,100}$/;

/** The route pattern a request matched (`/experiments/:exp`), never its raw path (unbounded labels). */
function routeLabel(req: Request): string {
  if (req.route?.path !== undefined) return `${req.baseUrl}${String(req.route.path)}`;
  const top = /^\/(static|vendor)\//.exec(req.originalUrl);
  return top ? `/${top[1]}/*` : 'unmatched';
}

/**
 * First middleware: gives the request an id (X-Request-Id in and out, `reqId` in every log line,
 * shown on error pages) and records its route, status and duration in the metrics.
 */
export function requestContext(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { id?: string }).id = id;
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const t0 = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      metrics.observeHttp(req.method, routeLabel(req), res.statusCode, seconds);
    });
    requestStore.run({ reqId: id }, next);
  };
}
