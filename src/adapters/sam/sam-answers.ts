import * as z from 'zod';
import { AdapterError } from '../adapter-error.js';
import type { HttpAnswer } from '../http/http-call.js';
import type { SamDefinition, SamFileMetadata, SamProjectSummary } from './sam.js';

// zod schemas of samweb's JSON answers: strict on what POMS reads, open to fields it does not.

const count = z.number().int().nonnegative();
const counts = z.record(z.string(), count);

export const fileListSchema = z.array(z.string());

/** `values/parameters`: names, or `{name, data_type}` objects (the samweb CLI prints either). */
export const parameterListSchema = z.array(
  z.union([z.string(), z.object({ name: z.string(), data_type: z.string().optional() }).passthrough()]),
);

export const lineageSchema = z
  .array(z.union([z.string(), z.looseObject({ file_name: z.string() })]))
  .transform((l) => l.map((f) => (typeof f === 'string' ? f : f.file_name)));

export const fileMetadataSchema: z.ZodType<SamFileMetadata> = z.looseObject({
  file_name: z.string(),
  file_id: z.number().int().optional(),
  create_date: z.string().optional(),
  data_tier: z.string().optional(),
  application: z
    .looseObject({ family: z.string(), name: z.string(), version: z.string() })
    .partial()
    .optional(),
  parents: z.array(z.looseObject({ file_name: z.string(), file_id: z.number().int().optional() })).optional(),
  runs: z.array(z.tuple([z.number(), z.number()], z.string())).optional(),
}) as z.ZodType<SamFileMetadata>;

/** `null` values read as absent. */
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

export const projectSummarySchema: z.ZodType<SamProjectSummary> = z.looseObject({
  project_status: opt(z.string()),
  dataset_def_name: opt(z.string()),
  files_in_snapshot: opt(count),
  file_counts: opt(counts),
  process_counts: opt(counts),
  processes: opt(z.array(z.looseObject({ status: z.string(), counts: counts.default({}) }))),
}) as z.ZodType<SamProjectSummary>;

/**
 * `describe?format=json`: samweb names the dims `dimensions` and the owner `username`; `dims` and
 * `user` are taken too (servers differ, and the answer has never been checked against production).
 */
export const definitionSchema = z
  .looseObject({
    defname: z.string(),
    dimensions: opt(z.string()),
    dims: opt(z.string()),
    username: opt(z.string()),
    user: opt(z.string()),
    group: opt(z.string()),
    create_time: opt(z.string()),
    description: opt(z.string()),
  })
  .refine((d) => d.dimensions !== undefined || d.dims !== undefined, 'no dimensions')
  .transform((d): SamDefinition => {
    const user = d.username ?? d.user;
    return {
      name: d.defname,
      dims: (d.dimensions ?? d.dims)!,
      ...(user ? { user } : {}),
      ...(d.group ? { group: d.group } : {}),
      ...(d.create_time ? { createDate: d.create_time } : {}),
      ...(d.description ? { description: d.description } : {}),
    };
  });

/** The JSON body checked against `schema`; anything else is `malformed` with the body kept. */
export function jsonAnswer<T>(schema: z.ZodType<T>, a: HttpAnswer, operation: string): T {
  let json: unknown;
  try {
    json = JSON.parse(a.text);
  } catch {
    throw malformed(`${operation} answered something that is not JSON`, a, operation);
  }
  const r = schema.safeParse(json);
  if (!r.success) throw malformed(`${operation} answer: ${z.prettifyError(r.error)}`, a, operation);
  return r.data;
}

/** A plain-text non-negative integer (counts, snapshot ids). */
export function integerAnswer(a: HttpAnswer, operation: string): number {
  const m = /^\s*(\d+)\s*$/.exec(a.text);
  if (!m || !Number.isSafeInteger(Number(m[1])))
    throw malformed(`${operation} answered something that is not an integer`, a, operation);
  return Number(m[1]);
}

export const malformed = (message: string, a: HttpAnswer, operation: string) =>
  new AdapterError('malformed', 'sam', message, { status: a.status, raw: a.text, operation });
