import express from 'express';
import { restFaults } from '../http/rest-front.js';
import type { SimWorld } from '../world/sim-world.js';

// Rucio's REST server as far as POMS reads it: replicas of files and the RSEs. A replica is a
// location of the file in the world's one catalogue (`dcache:/pnfs/…` → RSE FNAL_DCACHE), so an
// output gets its replica when the simulated job's upload is located. Every call but /ping needs
// X-Rucio-Auth-Token; a missing or unknown one is 401 CannotAuthenticate, as Rucio answers.

/** RSE name and PFN of a SAM-style location. */
export function replicaOf(location: string, file: string): { rse: string; pfn: string } {
  const i = location.indexOf(':');
  const kind = i > 0 ? location.slice(0, i) : 'disk';
  const path = i > 0 ? location.slice(i + 1) : location;
  return { rse: `FNAL_${kind.toUpperCase()}`, pfn: `root://sim-${kind}.fnal.gov:1094${path}/${file}` };
}

export function rucioRoutes(world: SimWorld, tokens: readonly string[]): express.Router {
  const r = express.Router();
  r.use(restFaults(world, 'rucio'));
  r.get('/ping', (_req, res) => void res.json({ version: '35.0.0-sim' }));
  r.use((req, res, next) => {
    const t = req.get('X-Rucio-Auth-Token')?.trim();
    if (t && tokens.includes(t)) return next();
    const msg = t ? 'Cannot authenticate with given credentials' : 'Cannot authenticate: no token';
    res
      .status(401)
      .set({ ExceptionClass: 'CannotAuthenticate', ExceptionMessage: msg })
      .json({ ExceptionClass: 'CannotAuthenticate', ExceptionMessage: msg });
  });
  r.use(express.json({ limit: '20mb' }));

  r.post('/replicas/list', (req, res) => {
    const body = req.body as { dids?: unknown; all_states?: unknown };
    const dids = body?.dids;
    // answered in scope, name order; `states` only with all_states (Rucio core list_replicas)
    if (!Array.isArray(dids))
      return void res
        .status(400)
        .json({ ExceptionClass: 'InvalidObject', ExceptionMessage: 'dids must be a list' });
    const lines: string[] = [];
    const sorted = [...(dids as Array<{ scope?: unknown; name?: unknown }>)].sort((a, b) =>
      `${String(a?.scope)}\0${String(a?.name)}` < `${String(b?.scope)}\0${String(b?.name)}` ? -1 : 1,
    );
    for (const d of sorted) {
      const [scope, name] = [String(d?.scope ?? ''), String(d?.name ?? '')];
      const f = world.hasExperiment(scope) ? world.sam(scope).catalogue.file(name) : undefined;
      if (!f) continue;
      const reps = f.locations.map((l) => replicaOf(l, name));
      lines.push(
        JSON.stringify({
          scope,
          name,
          bytes: f.size,
          md5: null,
          adler32: ((f.id * 2654435761) >>> 0).toString(16).padStart(8, '0'),
          pfns: Object.fromEntries(
            reps.map((x) => [
              x.pfn,
              {
                rse: x.rse,
                type: 'DISK',
                volatile: false,
                domain: 'lan',
                priority: 1,
                client_extract: false,
              },
            ]),
          ),
          rses: Object.fromEntries(reps.map((x) => [x.rse, [x.pfn]])),
          ...(body.all_states === true
            ? { states: Object.fromEntries(reps.map((x) => [x.rse, 'AVAILABLE'])) }
            : {}),
        }),
      );
    }
    res.type('application/x-json-stream').send(lines.map((l) => `${l}\n`).join(''));
  });

  r.get('/rses/', (_req, res) => {
    const rses = ['FNAL_DCACHE', 'FNAL_ENSTORE'].map((rse) =>
      JSON.stringify({
        rse,
        rse_type: rse.endsWith('ENSTORE') ? 'TAPE' : 'DISK',
        deterministic: true,
        volatile: false,
      }),
    );
    res.type('application/x-json-stream').send(rses.map((l) => `${l}\n`).join(''));
  });
  return r;
}
