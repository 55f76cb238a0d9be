import * as z from 'zod';
import { ROLES } from '../../domain/permissions/roles.js';

const DAY_MS = 86_400_000;

/** A date (the token works through the end of that day, UTC) or a full ISO date-time. */
const expiry = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (s === '') return null;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
    const at = new Date(day ? `${s}T00:00:00Z` : s);
    if (Number.isNaN(at.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or an ISO date-time' });
      return z.NEVER;
    }
    return day ? new Date(at.getTime() + DAY_MS - 1000) : at;
  });

export const tokenInput = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'give the token a name (what it is for)')
    .max(100, 'at most 100 characters')
    .refine((s) => !/[\r\n]/.test(s) && !s.includes('\u0000'), 'must fit on one line'),
  /** Empty, absent or `all`: every experiment the owner belongs to. */
  experiment: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((s) => (!s || s === 'all' ? null : s)),
  max_role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  /** Empty or absent: no expiry. */
  expires_at: z
    .union([expiry, z.null()])
    .optional()
    .transform((v) => v ?? null),
});
export type TokenInput = z.infer<typeof tokenInput>;
