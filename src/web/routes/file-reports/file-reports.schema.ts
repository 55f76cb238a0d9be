import * as z from 'zod';
import { pageQuery } from '../../page-query.js';
import { refreshQuery, windowQuery } from '../submission-pages/submission-pages.schema.js';

export { refreshQuery, scopeParams, submissionParams } from '../submission-pages/submission-pages.schema.js';

export const experimentParams = z.object({ exp: z.string().min(1) });
/** Window, page, and `refresh=1` to ask SAM again now even after it just failed. */
export const reportQuery = windowQuery.extend(pageQuery.shape).extend(refreshQuery.shape);

const lastString = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);

/**
 * The query (`dims`, in the experiment's language) is checked by the file list service (400
 * naming `dims`), as is `column`; the label is only shown. `submission` + `column`: the files
 * behind one number of that submission's file report instead of a query.
 */
export const filesQuery = z
  .object({
    dims: z.preprocess(lastString, z.string().optional()).catch(undefined),
    label: z.preprocess(lastString, z.string().trim().max(200).optional()).catch(undefined),
    submission: z.preprocess(lastString, z.coerce.number().int().positive().optional()),
    column: z.preprocess(lastString, z.string().max(40).optional()).catch(undefined),
  })
  .extend(pageQuery.shape);

/** One file by its SAM name (checked by the file details service: 400 naming `name`). */
export const fileParams = z.object({ exp: z.string().min(1), name: z.string() });
