import * as z from 'zod';

export { scopeParams as stagePageParams } from '../submission-pages/submission-pages.schema.js';

export const stagePageQuery = z.object({
  next: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('false: leave out what the next launch would take (no SAM call); what live pages poll'),
});
