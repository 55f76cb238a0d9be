import express from 'express';
import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';
import { param, restFaults, tokenUser } from '../http/rest-front.js';
import type { SimWorld } from '../world/sim-world.js';
import { jsonSeq, metacatFileJson } from './metacat-file-json.js';
import { evaluateMql, MqlNotFoundError, MqlSyntaxError, parseMql } from './mql/index.js';
import { worldCatalogue } from './world-catalogue.js';

// MetaCat's data server (`<base>/data/…`, metacat/webserver/data_handler.py): reads for anyone,
// writes (save_as, named queries) only with a token in X-Authentication-Token (401 otherwise).

const DID = /^[-_./A-Za-z0-9]+:[-_./A-Za-z0-9]+$/;

export function metacatRoutes(world: SimWorld, tokens: readonly string[]): express.Router {
  const r = express.Router();
  const cat = worldCatalogue(world);
  r.use(restFaults(world, 'metacat'));
  r.use(express.text({ type: () => true, limit: '5mb' }));
  const text = (res: express.Response, status: number, body: string) =>
    res.status(status).type('text/plain').send(body);
  const mqlError = (res: express.Response, e: unknown) => {
    if (e instanceof MqlSyntaxError || e instanceof MqlNotFoundError)
      return text(res, 400, `${e.name}: ${e.message}`);
    throw e;
  };

  r.post('/data/query', (req, res) => {
    const saveAs = param(req, 'save_as');
    const user = tokenUser(req, 'X-Authentication-Token', tokens);
    if (saveAs && !user) return text(res, 401, 'Authentication required');
    if (saveAs && !DID.test(saveAs)) return text(res, 400, `Invalid dataset name ${saveAs}`);
    const saveNs = saveAs.slice(0, saveAs.indexOf(':'));
    if (saveAs && !world.hasExperiment(saveNs)) return text(res, 404, `Namespace ${saveNs} does not exist`);
    if (saveAs && world.metacat.dataset(saveAs)) return text(res, 409, `Dataset ${saveAs} already exists`);
    const src = typeof req.body === 'string' ? req.body : '';
    if (!src.trim()) return res.type('application/json').send('[]');
    let files;
    try {
      files = evaluateMql(src, cat);
    } catch (e) {
      return mqlError(res, e);
    }
    if (param(req, 'summary') === 'count')
      return res
        .type('application/json')
        .send(JSON.stringify({ count: files.length, total_size: files.reduce((n, f) => n + f.size, 0) }));
    if (saveAs) {
      try {
        world.metacat.saveDataset(
          saveAs,
          files.map((f) => f.did),
          user!,
          world.now(),
        );
      } catch (e) {
        if (e instanceof CatalogueError) return text(res, 409, e.message);
        throw e;
      }
    }
    const o = {
      meta: param(req, 'with_meta') === 'yes',
      provenance: param(req, 'with_provenance') === 'yes',
    };
    res.type('application/json-seq').send(jsonSeq(files.map((f) => metacatFileJson(f, cat, o))));
  });

  r.get('/data/file', (req, res) => {
    const did =
      param(req, 'did') ||
      (param(req, 'namespace') && `${param(req, 'namespace')}:${param(req, 'name')}`) ||
      param(req, 'name');
    const f =
      (DID.test(did) ? cat.byDid(did) : undefined) ??
      (param(req, 'fid') ? cat.byFid(param(req, 'fid')) : undefined);
    if (!f) return text(res, 404, 'File not found');
    const o = {
      meta: param(req, 'with_metadata') !== 'no',
      provenance: param(req, 'with_provenance') !== 'no',
    };
    res.type('application/json').send(JSON.stringify(metacatFileJson(f, cat, o)));
  });

  // DBDataset.to_jsonable plus file_count. A dataset saved by a query is not frozen (MetaCat's
  // `frozen` forbids later changes; save_as does not set it).
  r.get('/data/dataset', (req, res) => {
    const did = param(req, 'dataset');
    const files = DID.test(did) ? cat.dataset(did) : undefined;
    if (!files) return text(res, 404, 'Dataset not found');
    const [namespace, name] = [did.slice(0, did.indexOf(':')), did.slice(did.indexOf(':') + 1)];
    const saved = world.metacat.dataset(did);
    res.type('application/json').send(
      JSON.stringify({
        namespace,
        name,
        frozen: false,
        monotonic: false,
        metadata: {},
        creator: saved?.creator ?? 'sam',
        created_timestamp: saved?.created ?? 0,
        file_meta_requirements: null,
        description: '',
        file_count: files.length,
        updated_timestamp: null,
        updated_by: null,
      }),
    );
  });

  r.post('/data/create_named_query', (req, res) => {
    const user = tokenUser(req, 'X-Authentication-Token', tokens);
    if (!user) return text(res, 401, 'Authentication required');
    let body: { namespace?: unknown; name?: unknown; source?: unknown };
    try {
      body = JSON.parse(String(req.body)) as typeof body;
    } catch {
      return text(res, 400, 'Request body is not JSON');
    }
    const did = `${String(body.namespace)}:${String(body.name)}`;
    if (!DID.test(did) || typeof body.source !== 'string')
      return text(res, 400, 'namespace, name and source are required');
    if (!world.hasExperiment(String(body.namespace)))
      return text(res, 404, `Namespace ${String(body.namespace)} does not exist`);
    try {
      parseMql(body.source);
      const q = world.metacat.saveQuery(did, body.source, user, param(req, 'update') === 'yes', world.now());
      res.type('application/json').send(
        JSON.stringify({
          namespace: body.namespace,
          name: body.name,
          source: q.source,
          creator: user,
          created_timestamp: q.created,
        }),
      );
    } catch (e) {
      if (e instanceof CatalogueError) return text(res, 409, e.message);
      return mqlError(res, e);
    }
  });

  r.get('/data/named_query', (req, res) => {
    const did = `${param(req, 'namespace')}:${param(req, 'name')}`;
    const q = world.metacat.query(did);
    if (!q) return text(res, 404, 'Query not found');
    res.type('application/json').send(
      JSON.stringify({
        namespace: param(req, 'namespace'),
        name: param(req, 'name'),
        source: q.source,
        creator: q.creator,
        created_timestamp: q.created,
      }),
    );
  });
  return r;
}
