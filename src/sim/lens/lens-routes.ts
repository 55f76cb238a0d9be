import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimWorld } from '../world/sim-world.js';
import { GraphqlSyntaxError, graphqlErrorBody, parseGraphql } from './graphql/index.js';
import { executeLens } from './lens-resolver.js';

/**
 * Lens GraphQL at `/lens/query`: POST `{"query": "…", "operationName": null}` (GET `?query=` too).
 * Answers as of now − lagMs. Knobs: wall-clock slowness, then outage (`5xx` → 502, `garbage` →
 * 200 non-JSON, `errors` → 200 `{data: null, errors}`). Unparsable or invalid documents → 400.
 */
export function lensRoutes(world: SimWorld): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: '5mb' }));
  r.all('/query', async (req, res) => {
    const k = world.faults.lens();
    if (k.slowRealMs > 0) await sleep(k.slowRealMs);
    if (k.outage === '5xx')
      return void res.status(502).type('text/html').send('<html><body>502 Bad Gateway</body></html>\n');
    if (k.outage === 'garbage')
      return void res
        .status(200)
        .type('text/plain')
        .send('upstream connect error or disconnect/reset before headers');
    if (k.outage === 'errors')
      return void res.json({
        data: null,
        errors: [{ message: 'Lens backend unavailable (simulated outage)' }],
      });
    const query = typeof req.body?.query === 'string' ? req.body.query : req.query.query;
    if (typeof query !== 'string' || query.trim() === '')
      return void res.status(400).json({ errors: [{ message: 'Must provide query string.' }] });
    let doc;
    try {
      doc = parseGraphql(query);
    } catch (e) {
      if (e instanceof GraphqlSyntaxError) return void res.status(400).json(graphqlErrorBody(e));
      throw e;
    }
    const answer = executeLens(world, doc, world.now() - world.clock.compress(k.lagMs));
    res.status(answer.data === undefined ? 400 : 200).json(answer);
  });
  return r;
}
