import * as z from 'zod';

export const stageParams = z.object({ exp: z.string().min(1), id: z.coerce.number().int().positive() });
export const submissionParams = z.object({ exp: z.string().min(1), sid: z.coerce.number().int().positive() });
export const campaignParams = stageParams;
export const previewQuery = z.object({
  test: z
    .enum(['true', 'false', '1', '0', 'on', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'on'),
});
export const logQuery = z.object({ after: z.coerce.number().int().min(0).catch(0) });
export const scheduleBody = z.object({ cron_schedule: z.string().trim().max(200).optional().default('') });
export const holdBody = z.object({
  held: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});
export const heldLaunchParams = z.object({ exp: z.string().min(1), hid: z.coerce.number().int().positive() });
