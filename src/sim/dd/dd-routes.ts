import express from 'express';
import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';
import { param, restFaults, tokenUser } from '../http/rest-front.js';
import type { SimWorld } from '../world/sim-world.js';
import type { DdHandleRecord, DdProjectRecord, HandleState } from './dd-projects.js';

// Data Dispatcher's data server (web_server/data_server.py): project reads for anyone; creating,
// restarting, cancelling and the worker calls (next_file, release) need the token in
// X-Authentication-Token (401), and the project's owner for changes (403). Answers are `text/json`.

const handleJson = (p: DdProjectRecord, h: DdHandleRecord) => ({
  project_id: p.id,
  namespace: h.namespace,
  name: h.name,
  state: h.state,
  worker_id: h.workerId,
  attempts: h.attempts,
  attributes: {},
  reserved_since: h.reservedSince,
});

const projectJson = (p: DdProjectRecord, withFiles: boolean) => ({
  project_id: p.id,
  owner: p.owner,
  state: p.state,
  retry_count: null,
  attributes: p.attributes,
  created_timestamp: p.created,
  ended_timestamp: p.ended,
  active: p.state === 'active',
  query: p.query,
  worker_timeout: p.workerTimeout,
  idle_timeout: p.idleTimeout,
  users: [],
  roles: [],
  ...(withFiles ? { file_handles: p.handles.map((h) => handleJson(p, h)) } : {}),
});

export function ddRoutes(world: SimWorld, tokens: readonly string[]): express.Router {
  const r = express.Router();
  r.use(restFaults(world, 'dd'));
  r.use(express.text({ type: () => true, limit: '20mb' }));
  const text = (res: express.Response, status: number, body: string) =>
    res.status(status).type('text/plain').send(body);
  const json = (res: express.Response, body: unknown) => res.type('text/json').send(JSON.stringify(body));
  const body = (req: express.Request): Record<string, unknown> | null => {
    try {
      const b = JSON.parse(String(req.body)) as unknown;
      return b && typeof b === 'object' ? (b as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  /** The project named by `id`, answering 401/404/403 itself when the caller may not act on it. */
  const owned = (req: express.Request, res: express.Response, id: unknown): DdProjectRecord | null => {
    const user = tokenUser(req, 'X-Authentication-Token', tokens);
    if (!user) return (text(res, 401, 'Authentication required'), null);
    const p = world.dd.get(Number(id));
    if (!p) return (text(res, 404, 'Project not found'), null);
    if (p.owner !== user) return (text(res, 403, 'Forbidden'), null);
    return p;
  };

  r.get('/version', (_req, res) => void text(res, 200, '2.0.3-sim'));

  r.post('/create_project', (req, res) => {
    const user = tokenUser(req, 'X-Authentication-Token', tokens);
    if (!user) return text(res, 401, 'Authentication required');
    const b = body(req);
    if (!b || !Array.isArray(b.files)) return text(res, 400, 'Invalid project specification: files missing');
    const dids: Array<{ namespace: string; name: string }> = [];
    for (const f of b.files as unknown[]) {
      const spec =
        typeof f === 'string'
          ? { namespace: f.split(':')[0], name: f.split(':').slice(1).join(':') }
          : (f as { namespace?: string; name?: string });
      if (!spec?.namespace || !spec.name)
        return text(res, 400, `Invalid file specification: ${JSON.stringify(f)} - namespace or name missing`);
      dids.push({ namespace: spec.namespace, name: spec.name });
    }
    const seconds = (v: unknown) => (typeof v === 'number' ? v : null);
    const p = world.dd.create(
      {
        owner: user,
        attributes: (b.project_attributes as Record<string, unknown>) ?? {},
        query: typeof b.query === 'string' ? b.query : null,
        workerTimeout: seconds(b.worker_timeout),
        idleTimeout: seconds(b.idle_timeout),
      },
      dids,
      world.now(),
    );
    json(res, projectJson(p, true));
  });

  r.get('/project', (req, res) => {
    const p = world.dd.get(Number(param(req, 'project_id')));
    if (!p) return text(res, 404, 'Project not found');
    json(res, projectJson(p, param(req, 'with_files') !== 'no'));
  });

  r.post('/restart_handles', (req, res) => {
    const b = body(req);
    if (!b?.project_id) return text(res, 400, 'Project id must be specified');
    const p = owned(req, res, b.project_id);
    if (!p) return;
    const states = (['done', 'failed', 'reserved'] as HandleState[]).filter((s) => b[s] === true);
    world.dd.restart(p, Array.isArray(b.handles) ? { dids: b.handles.map(String) } : { states });
    json(res, projectJson(p, true));
  });

  r.get('/cancel_project', (req, res) => {
    const p = owned(req, res, param(req, 'project_id'));
    if (!p) return;
    world.dd.cancel(p, world.now());
    json(res, projectJson(p, true));
  });

  r.get('/next_file', (req, res) => {
    const user = tokenUser(req, 'X-Authentication-Token', tokens);
    if (!user) return text(res, 401, 'Authentication required');
    if (!param(req, 'project_id') || !param(req, 'worker_id'))
      return text(res, 400, 'Project ID and Worker ID must be specified');
    const p = world.dd.get(Number(param(req, 'project_id')));
    if (!p) return text(res, 404, 'Project not found');
    try {
      const got = world.dd.reserve(p, param(req, 'worker_id'), world.now());
      if ('retry' in got) return json(res, { handle: null, reason: got.reason, retry: got.retry });
      json(res, {
        handle: { ...handleJson(p, got), replicas: {}, project_attributes: p.attributes },
        reason: 'reserved',
        retry: false,
      });
    } catch (e) {
      if (e instanceof CatalogueError) return text(res, 400, e.message);
      throw e;
    }
  });

  r.get('/release', (req, res) => {
    const [pid, ...rest] = param(req, 'handle_id').split(':');
    if (!pid || rest.length < 2)
      return text(res, 400, 'File Handle ID (<project_id>:<namespace>:<name>) must be specified');
    const p = owned(req, res, pid);
    if (!p) return;
    try {
      const failed = param(req, 'failed') === 'yes';
      const h = world.dd.release(
        p,
        rest.join(':'),
        param(req, 'worker_id'),
        failed,
        param(req, 'retry') !== 'no',
        world.now(),
      );
      json(res, handleJson(p, h));
    } catch (e) {
      if (e instanceof CatalogueError) return text(res, e.kind === 'not_found' ? 404 : 403, e.message);
      throw e;
    }
  });
  return r;
}
