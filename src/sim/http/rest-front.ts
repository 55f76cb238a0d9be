import type { NextFunction, Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RestService } from '../faults/fault-knobs.js';
import type { SimWorld } from '../world/sim-world.js';

// What the MetaCat, Data Dispatcher and Rucio fronts share: their fault knobs (slowness, then an
// outage answered as 503 text or a 200 HTML page) and the token check of the calls that need one.

export function restFaults(world: SimWorld, service: RestService) {
  return async (_req: Request, res: Response, next: NextFunction) => {
    const k = world.faults.rest(service);
    if (k.slowRealMs > 0) await sleep(k.slowRealMs);
    if (k.outage === '5xx')
      return void res.status(503).type('text/plain').send(`${service} unavailable (simulated outage)\n`);
    if (k.outage === 'garbage')
      return void res.status(200).type('text/html').send('<html><body><h1>Proxy Error</h1></body></html>\n');
    next();
  };
}

/** The user a request's token names (the simulator knows one user, `poms`); null without a valid one. */
export function tokenUser(req: Request, header: string, tokens: readonly string[]): string | null {
  const t = req.get(header)?.trim();
  return t && tokens.includes(t) ? 'poms' : null;
}

/** Query or body parameter as text ('' when absent). */
export const param = (req: Request, name: string): string => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};
