import * as z from 'zod';
import { OVERVIEW_SORTS } from '../../../db/read-models/overview-read-model.js';
import { pageQuery } from '../../page-query.js';
import { hoursField } from '../progress/progress.schema.js';

export { campaignParams } from '../progress/progress.schema.js';
export const experimentParams = z.object({ exp: z.string().min(1) });

/** Sorting, filtering and windows of the overview lists; bad values fall back to the defaults. */
export const overviewQuery = z
  .object({
    state: z.enum(['active', 'inactive', 'all']).catch('active'),
    sort: z.enum(OVERVIEW_SORTS).catch('name'),
    dir: z.enum(['asc', 'desc']).catch('asc'),
    days: z.coerce.number().int().min(1).max(90).catch(7),
    hours: hoursField,
    whose: z.enum(['all', 'mine']).catch('all'),
  })
  .extend(pageQuery.shape);

export const watchBody = z.object({
  watched: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});
