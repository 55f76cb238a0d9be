import * as z from 'zod';

export const scopeParams = z.object({
  exp: z.string().min(1),
  kind: z.enum(['submissions', 'stages', 'campaigns']),
  id: z.coerce.number().int().positive(),
});
export const actBody = z.object({ act: z.enum(['kill', 'cancel', 'hold', 'release']) });
export const kickBody = z.object({ to: z.enum(['Completed', 'Located']) });
export const recoverBody = z.object({
  recovery_type: z.string().trim().min(1, 'choose a recovery type'),
  preview: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .default(false),
});
export const submissionOnlyParams = z.object({
  exp: z.string().min(1),
  sid: z.coerce.number().int().positive(),
});

export const SCOPE_KIND = { submissions: 'submission', stages: 'stage', campaigns: 'campaign' } as const;
