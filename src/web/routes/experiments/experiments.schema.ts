import * as z from 'zod';
import { ROLES } from '../../../domain/permissions/roles.js';

export const experimentParams = z.object({ exp: z.string().min(1) });
export const memberParams = experimentParams.extend({ username: z.string().min(1) });
export const memberFilterQuery = z.object({
  search: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
});
export const activeBody = z.object({
  active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});
