import * as z from 'zod';
import { objectName } from '../../../services/campaigns/field-schemas.js';
import { rowId } from '../campaigns/campaigns.schema.js';

// Requests shared by the pages and API of the named definitions (job types, login setups).
export const definitionParams = z.object({ exp: z.string().min(1), id: rowId });
export const listQuery = z.object({ name: z.string().trim().max(200).optional().catch(undefined) });
/** `?from=<id>`: the new-definition form starts as a copy of that one. */
export const cloneQuery = z.object({ from: rowId.optional().catch(undefined) });
export const cloneBody = z.object({ name: objectName });
