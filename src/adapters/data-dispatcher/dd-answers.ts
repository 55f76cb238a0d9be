import * as z from 'zod';
import { HANDLE_STATES, type DdHandle, type DdProject, type NextFile } from './data-dispatcher.js';

// Data Dispatcher's JSON (data_dispatcher/db.py `as_jsonable`, web_server/data_server.py).

export const handleSchema: z.ZodType<DdHandle> = z
  .looseObject({
    namespace: z.string(),
    name: z.string(),
    state: z.enum(HANDLE_STATES),
    worker_id: z.string().nullish(),
    attempts: z.number().int().nonnegative().nullish(),
  })
  .transform((h): DdHandle => ({
    namespace: h.namespace,
    name: h.name,
    state: h.state,
    workerId: h.worker_id ?? null,
    attempts: h.attempts ?? 0,
  })) as z.ZodType<DdHandle>;

export const projectSchema: z.ZodType<DdProject> = z
  .looseObject({
    project_id: z.number().int(),
    owner: z.string(),
    state: z.enum(['active', 'done', 'failed', 'cancelled', 'abandoned']),
    attributes: z.record(z.string(), z.unknown()).nullish(),
    query: z.string().nullish(),
    created_timestamp: z.number(),
    ended_timestamp: z.number().nullish(),
    file_handles: z.array(handleSchema).nullish(),
  })
  .transform((p): DdProject => ({
    projectId: p.project_id,
    owner: p.owner,
    state: p.state,
    attributes: p.attributes ?? {},
    query: p.query ?? null,
    createdTimestamp: p.created_timestamp,
    endedTimestamp: p.ended_timestamp ?? null,
    ...(p.file_handles ? { handles: p.file_handles } : {}),
  })) as z.ZodType<DdProject>;

/** `next_file`: `{handle: {…}, reason: "reserved"}` or `{handle: null, reason, retry}`. */
export const nextFileSchema: z.ZodType<NextFile> = z
  .looseObject({
    handle: handleSchema.nullable(),
    reason: z.string().nullish(),
    retry: z.boolean().nullish(),
  })
  .transform((n): NextFile =>
    n.handle ? { handle: n.handle } : { handle: null, retry: n.retry === true, reason: n.reason ?? '' },
  ) as z.ZodType<NextFile>;
