import * as z from 'zod';
import { ROLES } from '../../../domain/permissions/roles.js';

export const tokenParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const when = z.union([z.string(), z.date()]);
export const tokenViewSchema = z.object({
  token_id: z.number().int(),
  name: z.string(),
  token_prefix: z.string().describe('the first characters of the token, to recognise it'),
  experiment: z.string().nullable().describe('null: every experiment of its owner'),
  max_role: z.enum(ROLES),
  created_at: when,
  expires_at: when.nullable(),
  revoked_at: when.nullable(),
  last_used_at: when.nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
export const createdTokenSchema = tokenViewSchema.extend({
  token: z.string().describe('the token itself: shown only in this answer, never again'),
});
