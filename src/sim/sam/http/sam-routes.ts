import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimWorld } from '../../world/sim-world.js';
import { samDefinitionRoutes } from './sam-definition-routes.js';
import { samFileRoutes } from './sam-file-routes.js';
import { samProjectRoutes } from './sam-project-routes.js';
import { samWriteAuth, type SamWriteAuth } from './sam-write-auth.js';

// SIM_SLOW_LOG_MS=N: each file count or list that took N ms or more, and each abandoned one, on stderr.
const SLOW_MS = Number(process.env.SIM_SLOW_LOG_MS ?? 0);
const slowLog = SLOW_MS > 0 ? (line: string) => process.stderr.write(`sim sam: ${line}\n`) : undefined;

function timed(req: express.Request, res: express.Response, log: (line: string) => void): void {
  const t0 = performance.now();
  res.on('finish', () => {
    const ms = Math.round(performance.now() - t0);
    const dims = String(req.body?.dims ?? req.query.dims ?? '').slice(0, 160);
    if (ms >= SLOW_MS) log(`${ms} ms ${req.method} ${req.path} ${dims}`);
  });
}

/**
 * samweb-compatible REST, mounted at `/sam`: `/sam/<experiment>/api/…`. Forms are url-encoded as
 * samweb_client sends them. The SAM knobs apply to every call: wall-clock slowness, then outage
 * (`5xx` → 503 text, `garbage` → 200 with an HTML page). Writes need credentials (sam-write-auth.ts).
 */
export function samRoutes(world: SimWorld, auth: SamWriteAuth): express.Router {
  const r = express.Router();
  r.use(express.urlencoded({ extended: false, limit: '5mb' }));
  r.use(async (_req, res, next) => {
    const k = world.faults.sam();
    if (k.slowRealMs > 0) await sleep(k.slowRealMs);
    if (k.outage === '5xx')
      return void res.status(503).type('text/plain').send('SAM web server unavailable (simulated outage)\n');
    if (k.outage === 'garbage')
      return void res.status(200).type('text/html').send('<html><body><h1>Proxy Error</h1></body></html>\n');
    next();
  });
  // A count or list its client gave up on while it waited behind a long one (a timeout) is not
  // computed: the simulator is one thread, and abandoned counts would only delay the ones still
  // awaited, whose clients would then give up too. Writes are always carried out.
  r.use('/:experiment/api', (req, res, next) => {
    if (!/^\/files\/(count|list)$/.test(req.path)) return next();
    setImmediate(() => {
      if (req.socket.destroyed) {
        if (/^[A-Za-z0-9_-]+$/.test(String(req.params.experiment)))
          world.sam(String(req.params.experiment)).calls.abandoned += 1;
        return void slowLog?.(`abandoned ${req.method} ${req.path}`);
      }
      if (slowLog) timed(req, res, slowLog);
      next();
    });
  });
  const api = express.Router({ mergeParams: true });
  api.use(samFileRoutes(world), samDefinitionRoutes(world), samProjectRoutes(world));
  r.use('/:experiment/api', (req, res, next) => {
    if (!/^[A-Za-z0-9_-]+$/.test(String(req.params.experiment)))
      return void res.status(404).type('text/plain').send('No such experiment\n');
    next();
  });
  r.use('/:experiment/api', samWriteAuth(auth), api);
  return r;
}
