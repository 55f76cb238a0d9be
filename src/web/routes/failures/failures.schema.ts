import * as z from 'zod';
import { pageQuery } from '../../page-query.js';
import { rowId } from '../submission-pages/submission-pages.schema.js';

export const experimentParams = z.object({ exp: z.string().min(1) });
export const scopedParams = z.object({ exp: z.string().min(1), id: rowId });
export const failuresQuery = pageQuery;
