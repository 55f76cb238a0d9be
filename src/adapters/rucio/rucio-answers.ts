import * as z from 'zod';
import type { RucioReplica } from './rucio.js';

// Rucio's `POST /replicas/list` answer: an application/x-json-stream, one replica object a line,
// `rses` mapping each RSE to the PFNs there (rucio/web/rest/flaskapi/v1/replicas.py).

export const replicaSchema: z.ZodType<RucioReplica> = z
  .looseObject({
    scope: z.string(),
    name: z.string(),
    bytes: z.number().nullish(),
    rses: z.record(z.string(), z.array(z.string())),
    states: z.record(z.string(), z.string()).nullish(),
  })
  .transform((r): RucioReplica => ({
    scope: r.scope,
    name: r.name,
    ...(r.bytes != null ? { bytes: r.bytes } : {}),
    rses: r.rses,
    ...(r.states ? { states: r.states } : {}),
  })) as z.ZodType<RucioReplica>;

export const replicaListSchema = z.array(replicaSchema);

/** `GET /rses/`: a stream of `{rse, …}` objects. */
export const rseListSchema = z
  .array(z.looseObject({ rse: z.string() }))
  .transform((l) => l.map((r) => r.rse));
