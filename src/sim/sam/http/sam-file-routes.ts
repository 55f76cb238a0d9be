import express, { type Request, type Response } from 'express';
import type { SimWorld } from '../../world/sim-world.js';
import { fileMetadataJson, fileMetadataText } from '../catalogue/sam-file.js';
import { param, sendSamError } from './sam-http-error.js';

/** Files by dimensions, metadata and lineage (external-apis.md 2.2 #1-4, 12). */
export function samFileRoutes(world: SimWorld): express.Router {
  const r = express.Router({ mergeParams: true });
  const exp = (req: Request) => world.sam(String(req.params.experiment));

  const list = (req: Request, res: Response, dims: string | undefined) => {
    if (!dims) return void res.status(400).type('text/plain').send('Missing parameter dims\n');
    try {
      const names = limited(
        world,
        res,
        exp(req)
          .query(dims)
          .map((f) => f.name),
      );
      if (!names) return;
      if (param(req.query, 'format') === 'json') res.json(names);
      else res.type('text/plain').send(names.map((n) => `${n}\n`).join(''));
    } catch (e) {
      sendSamError(res, e);
    }
  };
  const count = (req: Request, res: Response, dims: string | undefined) => {
    if (!dims) return void res.status(400).type('text/plain').send('Missing parameter dims\n');
    try {
      const n = exp(req).count(dims);
      if (limited(world, res, { length: n })) res.type('text/plain').send(String(n));
    } catch (e) {
      sendSamError(res, e);
    }
  };
  r.get('/files/list', (req, res) => list(req, res, param(req.query, 'dims')));
  r.post('/files/list', (req, res) => list(req, res, param(req.body, 'dims') ?? param(req.query, 'dims')));
  r.get('/files/count', (req, res) => count(req, res, param(req.query, 'dims')));
  r.post('/files/count', (req, res) => count(req, res, param(req.body, 'dims') ?? param(req.query, 'dims')));

  r.get('/files/name/:file/metadata', (req, res) => {
    const cat = exp(req).catalogue;
    const f = cat.file(String(req.params.file));
    if (!f) return void res.status(404).type('text/plain').send(`File ${req.params.file} not found\n`);
    const json = fileMetadataJson(f, (p) => cat.file(p)?.id);
    if (param(req.query, 'format') === 'json') res.json(json);
    else res.type('text/plain').send(fileMetadataText(json));
  });

  r.get('/files/name/:file/lineage/:kind', (req, res) => {
    const cat = exp(req).catalogue;
    const name = String(req.params.file);
    const kind = String(req.params.kind);
    if (!cat.file(name)) return void res.status(404).type('text/plain').send(`File ${name} not found\n`);
    if (kind !== 'parents' && kind !== 'children')
      return void res.status(400).type('text/plain').send(`Unknown lineage '${kind}'\n`);
    const names = kind === 'parents' ? cat.parentsOf(name) : cat.childrenOf(name);
    const rows = names.map((n) => ({ file_name: n, file_id: cat.file(n)?.id }));
    if (param(req.query, 'format') === 'plain')
      res.type('text/plain').send(names.map((n) => `${n}\n`).join(''));
    else res.json(rows);
  });
  return r;
}

/** The `queryLimit` knob: SAM refuses big results with a body mentioning the query limit. */
function limited<T extends { length: number }>(world: SimWorld, res: Response, result: T): T | null {
  const limit = world.faults.sam().queryLimit;
  if (limit === null || result.length <= limit) return result;
  res
    .status(400)
    .type('text/plain')
    .send(`Query exceeds the query limit of ${limit} files (${result.length} matched)\n`);
  return null;
}
