import * as z from 'zod';
import { rowId } from '../submission-pages/submission-pages.schema.js';

export const experimentParams = z.object({ exp: z.string().min(1) });
export const campaignParams = experimentParams.extend({ id: rowId });

/** Unsaved .ini text; with `campaign_id`, its stages continue that campaign's split cursors and outputs. */
export const checkTextBody = z.strictObject({
  text: z.string().max(6 * 1024 * 1024),
  campaign_id: rowId.nullable().optional(),
});
