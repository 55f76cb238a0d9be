import type { Knex } from 'knex';
import { isAdapterError } from '../../adapters/adapter-error.js';
import type { Sam } from '../../adapters/sam/sam.js';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { AppError, invalid } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';

/** Longest dims accepted: a total row's union of twenty submissions fits well within it. */
export const DIMS_MAX = 12_000;

/** Dims as SAM may take them: printable ASCII (tabs and newlines are spaces), not empty, bounded. */
export function checkDims(text: string | undefined): string {
  const dims = (text ?? '').replace(/[\t\r\n]+/g, ' ').trim();
  const problem =
    dims === ''
      ? 'is empty'
      : dims.length > DIMS_MAX
        ? `is longer than ${DIMS_MAX} characters`
        : /[^\x20-\x7e]/.test(dims)
          ? 'may contain printable ASCII characters only'
          : null;
  if (problem) throw invalid(`the SAM dimensions ${problem}`, [{ field: 'dims', message: problem }]);
  return dims;
}

/**
 * The files of a SAM dimension query, one page at a time: SAM counts them and lists only the page
 * (`( dims ) with limit n offset k`), so a million-file query costs one page. SAM refusing the query
 * is the caller's mistake (400 naming `dims`); SAM down is a 503, never a 500.
 */
export function fileListService(deps: { db: Knex; sam?: Sam }) {
  return {
    async list(user: UserContext, exp: string, input: { dims?: string; label?: string }, req: PageRequest) {
      await requireExperiment(deps.db, user, exp);
      const dims = checkDims(input.dims);
      const sam = deps.sam;
      if (!sam) throw new AppError('unavailable', 'SAM is not configured on this instance');
      const pageSize = req.pageSize;
      try {
        const total = await sam.countFiles(exp, dims);
        const pages = Math.max(1, Math.ceil(total / pageSize));
        const page = Math.min(req.page, pages);
        const offset = (page - 1) * pageSize;
        const items =
          total > offset
            ? await sam.listFiles(exp, `( ${dims} ) with limit ${pageSize} offset ${offset}`)
            : [];
        return { dims, label: input.label ?? null, total, page, pageSize, pages, items };
      } catch (e) {
        if (isAdapterError(e, 'not_found') || isAdapterError(e, 'rejected'))
          throw invalid(`SAM refused this query: ${e.message}`, [{ field: 'dims', message: e.message }]);
        if (isAdapterError(e)) throw new AppError('unavailable', `SAM unavailable: ${e.message}`);
        throw e;
      }
    },
  };
}

export type FileListService = ReturnType<typeof fileListService>;
