import type { Knex } from 'knex';
import { fileCountReadModel } from '../../db/read-models/file-count-read-model.js';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { invalid, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { DataHandlingFor } from '../data/data-handling.js';
import type { FilePage, ReportColumn } from '../data/file-browsing.js';
import type { UserContext } from '../user-context.js';
import { catalogueCall } from './catalogue-call.js';
import { REPORT_COLUMNS } from './file-dims.js';

/** Longest query accepted: a total row's union of twenty submissions fits well within it. */
export const DIMS_MAX = 12_000;

/** A query as a catalogue may take it: printable ASCII (tabs and newlines are spaces), not empty, bounded. */
export function checkDims(text: string | undefined, language = 'SAM dimensions'): string {
  const dims = (text ?? '').replace(/[\t\r\n]+/g, ' ').trim();
  const problem =
    dims === ''
      ? 'is empty'
      : dims.length > DIMS_MAX
        ? `is longer than ${DIMS_MAX} characters`
        : /[^\x20-\x7e]/.test(dims)
          ? 'may contain printable ASCII characters only'
          : null;
  if (problem) throw invalid(`the ${language} query ${problem}`, [{ field: 'dims', message: problem }]);
  return dims;
}

export interface FileListInput {
  /** A query in the experiment's language (SAM dimensions, or MQL on MetaCat). */
  dims?: string;
  label?: string;
  /** Instead of a query: the files behind one number of this submission's file report. */
  submission?: number;
  column?: string;
}

const isColumn = (c: string | undefined): c is ReportColumn => REPORT_COLUMNS.some((x) => x.key === c);

/**
 * The files of a query in the experiment's data service, one page at a time: the service counts
 * them and lists only the page, so a million-file query costs one page. Or the files behind one
 * number of a submission's report (`submission` + `column`), for numbers no query link can carry
 * (MetaCat: Data Dispatcher states, Rucio replicas). A refused query is a 400 naming `dims`; the
 * service down a 503, never a 500.
 */
export function fileListService(deps: { db: Knex; data: DataHandlingFor }) {
  const counts = fileCountReadModel(deps.db);
  return {
    async list(user: UserContext, exp: string, input: FileListInput, req: PageRequest) {
      await requireExperiment(deps.db, user, exp);
      const files = (await deps.data(exp)).files;
      const pageSize = req.pageSize;
      const paged = async (get: (offset: number) => Promise<FilePage & { query?: string | null }>) => {
        const first = await get((req.page - 1) * pageSize);
        const pages = Math.max(1, Math.ceil(first.total / pageSize));
        const page = Math.min(req.page, pages);
        const out = page === req.page ? first : await get((page - 1) * pageSize);
        return { total: out.total, items: out.items, query: out.query ?? null, page, pageSize, pages };
      };
      const common = { language: files.language, label: input.label ?? null };
      if (input.submission !== undefined) {
        const column = input.column;
        if (!isColumn(column)) {
          const message = `must be one of ${REPORT_COLUMNS.map((c) => c.key).join(', ')}`;
          throw invalid(`column ${message}`, [{ field: 'column', message }]);
        }
        const sid = input.submission;
        const [row] = await counts.withProject(exp, { kind: 'submission', id: sid }, null, 1);
        if (!row) throw notFound(`submission ${sid} with a project in ${exp}`);
        const got = await catalogueCall(files.language, null, () =>
          paged(async (offset) => {
            const p = await files.columnPage(row, column, offset, pageSize);
            if (!p) {
              const message = `submission ${sid}'s ${column} has no file list on ${files.language}`;
              throw invalid(message, [{ field: 'column', message }]);
            }
            return p;
          }),
        );
        const { query, ...rest } = got;
        return { ...common, dims: query, submission: sid, column, ...rest };
      }
      const dims = checkDims(input.dims, files.language);
      const got = await catalogueCall(files.language, 'dims', () =>
        paged((offset) => files.page(exp, dims, offset, pageSize)),
      );
      const { query: _q, ...rest } = got;
      return { ...common, dims, submission: null, column: null, ...rest };
    },
  };
}

export type FileListService = ReturnType<typeof fileListService>;
