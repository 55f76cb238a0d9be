import * as z from 'zod';
import { submissionParams } from '../submission-pages/submission-pages.schema.js';

export { submissionParams };

/** `refresh=1` fetches the logs again instead of using the cached bundle. */
export const bundleQuery = z.object({
  refresh: z
    .preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.enum(['0', '1']).optional())
    .catch(undefined),
});

/** One file of the bundle, by its name as listed. */
export const fileQuery = z.object({ name: z.string().min(1).max(300) });
