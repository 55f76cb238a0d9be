import * as z from 'zod';
import type { MetacatDataset, MetacatFile } from './metacat.js';

// MetaCat's JSON (metacat/db/dbobjects2.py `to_jsonable`): provenance as `[{fid}]` (older servers
// sent bare fids; both are read); timestamps in epoch seconds.

const fidList = z
  .array(z.union([z.string(), z.number(), z.looseObject({ fid: z.union([z.string(), z.number()]) })]))
  .transform((l) => l.map((p) => String(typeof p === 'object' ? p.fid : p)));

export const fileSchema: z.ZodType<MetacatFile> = z
  .looseObject({
    fid: z.union([z.string(), z.number()]).transform(String),
    namespace: z.string(),
    name: z.string(),
    size: z.number().nullish(),
    created_timestamp: z.number().nullish(),
    creator: z.string().nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    parents: fidList.nullish(),
    children: fidList.nullish(),
  })
  .transform((f): MetacatFile => ({
    fid: f.fid,
    namespace: f.namespace,
    name: f.name,
    ...(f.size != null ? { size: f.size } : {}),
    ...(f.created_timestamp != null ? { createdTimestamp: f.created_timestamp } : {}),
    ...(f.creator ? { creator: f.creator } : {}),
    ...(f.metadata ? { metadata: f.metadata } : {}),
    ...(f.parents ? { parents: f.parents } : {}),
    ...(f.children ? { children: f.children } : {}),
  })) as z.ZodType<MetacatFile>;

export const fileListSchema = z.array(fileSchema);

/** `summary=count`: `{count, total_size}` (some versions wrap it in a list). */
export const countSchema = z
  .union([
    z.looseObject({ count: z.number().int().nonnegative() }),
    z.array(z.looseObject({ count: z.number().int().nonnegative() })).length(1),
  ])
  .transform((c) => (Array.isArray(c) ? c[0].count : c.count));

export const datasetSchema: z.ZodType<MetacatDataset> = z
  .looseObject({
    namespace: z.string(),
    name: z.string(),
    frozen: z.boolean().nullish(),
    file_count: z.number().int().nullish(),
  })
  .transform((d): MetacatDataset => ({
    namespace: d.namespace,
    name: d.name,
    frozen: d.frozen === true,
    ...(d.file_count != null ? { fileCount: d.file_count } : {}),
  })) as z.ZodType<MetacatDataset>;

export const namedQuerySchema = z.looseObject({
  namespace: z.string(),
  name: z.string(),
  source: z.string(),
});
