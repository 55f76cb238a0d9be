import express, { type Request } from 'express';
import type { SimWorld } from '../../world/sim-world.js';
import { samIso } from '../catalogue/sam-file.js';
import type { SamDefinition } from '../catalogue/sam-catalogue.js';
import { param, sendSamError } from './sam-http-error.js';

/** Dataset definitions and snapshots (external-apis.md 2.2 #5-8, 13). */
export function samDefinitionRoutes(world: SimWorld): express.Router {
  const r = express.Router({ mergeParams: true });
  const exp = (req: Request) => world.sam(String(req.params.experiment));

  r.post('/definitions/create', (req, res) => {
    const name = param(req.body, 'defname');
    const dims = param(req.body, 'dims');
    if (!name || !dims)
      return void res
        .status(400)
        .type('text/plain')
        .send(`Missing parameter ${name ? 'dims' : 'defname'}\n`);
    try {
      const def = exp(req).catalogue.createDefinition(
        {
          name,
          dims,
          user: param(req.body, 'user') ?? 'sam',
          group: param(req.body, 'group') ?? exp(req).name,
          description: param(req.body, 'description'),
        },
        world.now(),
      );
      res.type('text/plain').send(`Dataset definition '${def.name}' has been created with id ${def.id}\n`);
    } catch (e) {
      sendSamError(res, e);
    }
  });

  // samweb list-parameters (admin.py listParameters): `{name, data_type}` per defined parameter.
  r.get('/values/parameters', (req, res) => {
    res.json([...exp(req).parameters].map(([name, dataType]) => ({ name, data_type: dataType })));
  });
  r.get('/definitions/list', (req, res) => {
    const names = exp(req).catalogue.definitionNames().sort();
    if (param(req.query, 'format') === 'json') res.json(names.map((defname) => ({ defname })));
    else res.type('text/plain').send(names.map((n) => `${n}\n`).join(''));
  });

  const describe = (req: Request, res: express.Response) => {
    const def = exp(req).catalogue.definition(String(req.params.def));
    if (!def)
      return void res.status(404).type('text/plain').send(`Dataset definition ${req.params.def} not found\n`);
    if (param(req.query, 'format') === 'json') res.json(definitionJson(def));
    else res.type('text/plain').send(definitionText(def));
  };
  r.get('/definitions/name/:def', describe);
  r.get('/definitions/name/:def/describe', describe);

  r.delete('/definitions/name/:def', (req, res) => {
    try {
      exp(req).catalogue.deleteDefinition(String(req.params.def));
      res.type('text/plain').send(`Dataset definition '${req.params.def}' has been deleted\n`);
    } catch (e) {
      sendSamError(res, e);
    }
  });

  r.post('/definitions/name/:def/snapshot', (req, res) => {
    const sam = exp(req);
    const name = String(req.params.def);
    try {
      const files = sam.queryDefinition(name).map((f) => f.name);
      const snap = sam.catalogue.addSnapshot(files, world.now(), name);
      res.type('text/plain').send(String(snap.id));
    } catch (e) {
      sendSamError(res, e);
    }
  });

  r.get('/definitions/name/:def/files/count', (req, res) => {
    try {
      res.type('text/plain').send(String(exp(req).queryDefinition(String(req.params.def)).length));
    } catch (e) {
      sendSamError(res, e);
    }
  });
  r.get('/definitions/name/:def/files/list', (req, res) => {
    try {
      const names = exp(req)
        .queryDefinition(String(req.params.def))
        .map((f) => f.name);
      if (param(req.query, 'format') === 'json') res.json(names);
      else res.type('text/plain').send(names.map((n) => `${n}\n`).join(''));
    } catch (e) {
      sendSamError(res, e);
    }
  });
  return r;
}

function definitionJson(d: SamDefinition) {
  return {
    defname: d.name,
    defid: d.id,
    dims: d.dims,
    username: d.user,
    group: d.group,
    create_time: samIso(d.createDate),
    description: d.description ?? null,
  };
}

function definitionText(d: SamDefinition): string {
  return (
    `Definition Name: ${d.name}\n` +
    `  Definition Id: ${d.id}\n` +
    `  Creation Date: ${samIso(d.createDate)}\n` +
    `       Username: ${d.user}\n` +
    `          Group: ${d.group}\n` +
    `     Dimensions: ${d.dims}\n`
  );
}
