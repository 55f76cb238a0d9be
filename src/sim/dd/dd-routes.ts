import express from 'express';
import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';
import { param, restFaults, tokenUser } from '../http/rest-front.js';
import type { SimWorld } from '../world/sim-world.js';
import { replicaOf } from '../rucio/rucio-routes.js';
import type { DdHandleRecord, DdProjectRecord, HandleState } from './dd-projects.js';

// Data Dispatcher's data server (web_server/data_server.py): project reads for anyone; creating,
// restarting, cancelling and the worker calls (next_file, release) need the token in
// X-Authentication-Token (401), and the project's owner for changes (403). Answers are `text/json`.

/**
 * DD's replicas of a handle's file (DBReplica.as_jsonable), one per location in the world's
 * catalogue, all available; keyed by RSE.
 */
function replicasOf(world: SimWorld, h: DdHandleRecord): Record<string, Record<string, unknown>> {
  const f = world.hasExperiment(h.namespace) ? world.sam(h.namespace).catalogue.file(h.name) : undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const loc of f?.locations ?? []) {
    const r = replicaOf(loc, h.name);
    out[r.rse] = {
      name: h.name,
      namespace: h.namespace,
      path: `${loc.slice(loc.indexOf(':') + 1)}/${h.name}`,
      rse: r.rse,
      url: r.pfn,
      urls: {},
      preference: 0,
      available: true,
      rse_available: true,
    };
  }
  return out;
}

const handleJson = (world: SimWorld, p: DdProjectRecord, h: DdHandleRecord, withReplicas = false) => ({
  project_id: p.id,
  namespace: h.namespace,
  name: h.name,
  state: h.state,
  worker_id: h.workerId,
  attempts: h.attempts,
  attributes: h.attributes ?? {},
  reserved_since: h.reservedSince,
  ...(withReplicas ? { replicas: replicasOf(world, h) } : {}),
});

/** DBProject.as_jsonable: handles when asked for files or replicas. */
const projectJson = (world: SimWorld, p: DdProjectRecord, o: { files: boolean; replicas: boolean }) => ({
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
  ...(o.files || o.replicas
    ? { file_handles: p.handles.map((h) => handleJson(world, p, h, o.replicas)) }
    : {}),
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
    const dids: Array<{ namespace: string; name: string; attributes?: Record<string, unknown> }> = [];
    for (const f of b.files as unknown[]) {
      const spec =
        typeof f === 'string'
          ? { namespace: f.split(':')[0], name: f.split(':').slice(1).join(':') }
          : (f as { namespace?: string; name?: string; attributes?: unknown });
      if (!spec?.namespace || !spec.name)
        return text(res, 400, `Invalid file specification: ${JSON.stringify(f)} - namespace or name missing`);
      const attrs = 'attributes' in spec ? (spec.attributes ?? {}) : {};
      if (typeof attrs !== 'object' || Array.isArray(attrs))
        return text(
          res,
          400,
          `Invalid file specification: ${JSON.stringify(f)} - invalid file attributes specification, expected a dictionary`,
        );
      dids.push({ namespace: spec.namespace, name: spec.name, attributes: attrs as Record<string, unknown> });
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
    json(res, projectJson(world, p, { files: true, replicas: false }));
  });

  r.get('/project', (req, res) => {
    const p = world.dd.get(Number(param(req, 'project_id')));
    if (!p) return text(res, 404, 'Project not found');
    json(
      res,
      projectJson(world, p, {
        files: param(req, 'with_files') !== 'no',
        replicas: param(req, 'with_replicas') !== 'no',
      }),
    );
  });

  r.post('/restart_handles', (req, res) => {
    const b = body(req);
    if (!b?.project_id) return text(res, 400, 'Project id must be specified');
    const p = owned(req, res, b.project_id);
    if (!p) return;
    const states = (['done', 'failed', 'reserved'] as HandleState[]).filter((s) => b[s] === true);
    world.dd.restart(p, Array.isArray(b.handles) ? { dids: b.handles.map(String) } : { states });
    json(res, projectJson(world, p, { files: false, replicas: true }));
  });

  r.get('/cancel_project', (req, res) => {
    const p = owned(req, res, param(req, 'project_id'));
    if (!p) return;
    world.dd.cancel(p, world.now());
    json(res, projectJson(world, p, { files: false, replicas: true }));
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
        handle: {
          ...handleJson(world, p, got),
          // a virtual project's files need no replica; the others' as the worker's proximity map ranks them
          replicas:
            p.attributes.virtual === true
              ? {}
              : Object.fromEntries(
                  Object.entries(replicasOf(world, got)).map(([rse, r]) => [rse, { ...r, proximity: 0 }]),
                ),
          project_attributes: p.attributes,
        },
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
      json(res, handleJson(world, p, h));
    } catch (e) {
      if (e instanceof CatalogueError) return text(res, e.kind === 'not_found' ? 404 : 403, e.message);
      throw e;
    }
  });
  return r;
}
