import * as z from 'zod';
import type { NewSamFile } from '../sam/catalogue/sam-file.js';

// Bodies of the /sim/admin endpoints. Times are ISO strings (or ms numbers).

const time = z.union([z.number(), z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date')]);
const toMs = (t: number | string | undefined) =>
  t === undefined ? undefined : typeof t === 'number' ? t : Date.parse(t);

export const newFileSchema = z.object({
  name: z.string().min(1),
  parents: z.array(z.string()).optional(),
  /** application.version */
  version: z.string().optional(),
  dataTier: z.string().optional(),
  fileType: z.enum(['data', 'mc']).optional(),
  fileFormat: z.string().optional(),
  size: z.number().int().min(0).optional(),
  eventCount: z.number().int().min(0).optional(),
  /** [run, subrun] or [run, subrun, type] */
  runs: z
    .array(z.union([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number(), z.string()])]))
    .optional(),
  startTime: time.optional(),
  endTime: time.optional(),
  createDate: time.optional(),
  /** Default true: the file gets a location at once. */
  located: z.boolean().default(true),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const addFilesSchema = z.object({ files: z.array(newFileSchema).min(1) });

export const definitionSchema = z.object({
  name: z.string().min(1),
  dims: z.string().min(1),
  user: z.string().optional(),
  group: z.string().optional(),
  description: z.string().optional(),
});

export const advanceSchema = z
  .object({ ms: z.number().min(0).optional(), seconds: z.number().min(0).optional() })
  .refine((b) => b.ms !== undefined || b.seconds !== undefined, 'give ms or seconds');

export const outageSchema = z
  .object({
    service: z.enum(['sam', 'lens', 'schedd']),
    on: z.boolean(),
    /** sam: 5xx | garbage; lens: 5xx | garbage | errors. Default 5xx. */
    kind: z.enum(['5xx', 'garbage', 'errors']).default('5xx'),
    /** schedd: the schedd that disappears from (on) or returns to (off) the collector. */
    name: z.string().min(1).optional(),
  })
  .refine((b) => b.service !== 'schedd' || b.name !== undefined, {
    message: 'a schedd outage needs the schedd name',
    path: ['name'],
  });

/** An admin file body → what the catalogue declares. */
export function toNewFile(f: z.infer<typeof newFileSchema>, experiment: string): NewSamFile {
  const ms = (t: number | string | undefined) => toMs(t);
  return {
    name: f.name,
    ...(f.parents ? { parents: f.parents } : {}),
    ...(f.version ? { application: { family: 'sim', name: 'admin', version: f.version } } : {}),
    ...(f.dataTier ? { dataTier: f.dataTier } : {}),
    ...(f.fileType ? { fileType: f.fileType } : {}),
    ...(f.fileFormat ? { fileFormat: f.fileFormat } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.eventCount !== undefined
      ? { eventCount: f.eventCount, lastEvent: f.eventCount, firstEvent: 1 }
      : {}),
    ...(f.runs
      ? { runs: f.runs.map(([r, s, t]) => [r, s, t ?? 'physics'] as [number, number, string]) }
      : {}),
    ...(f.startTime !== undefined ? { startTime: ms(f.startTime) } : {}),
    ...(f.endTime !== undefined ? { endTime: ms(f.endTime) } : {}),
    ...(f.createDate !== undefined ? { createDate: ms(f.createDate) } : {}),
    ...(f.params ? { params: f.params } : {}),
    locations: f.located ? [`enstore:/pnfs/${experiment}/admin`] : [],
  };
}
