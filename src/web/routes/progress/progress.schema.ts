import * as z from 'zod';

export const campaignParams = z.object({ exp: z.string().min(1), id: z.coerce.number().int().positive() });

/** Throughput window in hours (1 h – 30 days); bad values fall back to the default, never a 400. */
export const hoursField = z.coerce.number().int().min(1).max(720).catch(24);

export const progressQuery = z.object({ hours: hoursField });
