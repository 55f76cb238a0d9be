import * as z from 'zod';

export { campaignParams } from '../progress/progress.schema.js';

/**
 * A time as the original's pages wrote it (`YYYY-MM-DD HH:MM:SS`, UTC), ISO 8601, a date alone, or
 * milliseconds since 1970; anything else is ignored (the default window is used).
 */
export const timeField = z
  .string()
  .trim()
  .optional()
  .transform((v) => {
    if (!v) return undefined;
    if (/^\d{11,14}$/.test(v)) return new Date(Number(v));
    const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
    if (!m) return undefined;
    const d = new Date(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`);
    return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999
      ? undefined
      : d;
  })
  .catch(undefined);

export const timelineQuery = z.object({
  tmin: timeField,
  tmax: timeField,
  /** Drawing width in pixels: how many time buckets an aggregated view has. */
  width: z.coerce.number().int().min(200).max(4000).catch(1000),
  mode: z.enum(['auto', 'buckets']).catch('auto'),
});
