import * as z from 'zod';
import { pageQuery } from '../../page-query.js';
import { SUBMISSION_SORTS } from '../../../db/read-models/submission-list-read-model.js';

/** A stage or campaign id from the address: fits PostgreSQL's integer. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647);
/** A submission id (bigint), kept to numbers JavaScript holds exactly. */
export const submissionId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const scopeParams = z.object({ exp: z.string().min(1), id: rowId });
export const submissionParams = z.object({ exp: z.string().min(1), sid: submissionId });

/**
 * The time window as sent (checked by timeWindow, which names the field in a 400). A repeated
 * parameter keeps its last value.
 */
const text = () =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), z.string().optional()).catch(undefined);
export const windowQuery = z.object({ tmin: text(), tmax: text(), tdays: text() });

/** Sorting from column links; an unknown value falls back to newest first. */
export const sortQuery = z.object({
  sort: z.enum(Object.keys(SUBMISSION_SORTS) as [keyof typeof SUBMISSION_SORTS]).catch('created'),
  dir: z.enum(['asc', 'desc']).catch('desc'),
});

/** Keyset cursors of the next (`after`) and previous (`before`) page, as the list's links carry them. */
export const cursorQuery = z.object({ after: text(), before: text() });

export const listQuery = windowQuery
  .extend(sortQuery.shape)
  .extend(pageQuery.shape)
  .extend(cursorQuery.shape);

/** `refresh=1` recounts the submission's files in SAM now. */
export const refreshQuery = z.object({
  refresh: z
    .enum(['1', 'true', '0', 'false', ''])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1' || v === 'true'),
});
