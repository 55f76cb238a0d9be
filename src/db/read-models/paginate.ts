import type { Knex } from 'knex';

export interface PageRequest {
  page: number; // 1-based
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

export const MAX_PAGE_SIZE = 500;

/**
 * Runs `query` for one page plus a count over the same filters. `query` must not carry an
 * order by that the count cannot ignore: the count clears ordering and selections.
 */
export async function paginate<T>(query: Knex.QueryBuilder, req: PageRequest): Promise<Page<T>> {
  const pageSize = Math.min(Math.max(1, Math.floor(req.pageSize)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.floor(req.page));
  const countQuery = query.clone().clearSelect().clearOrder().clear('limit').clear('offset');
  const [items, countRow] = await Promise.all([
    query
      .clone()
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    countQuery.count<{ n: number }[]>({ n: '*' }).first(),
  ]);
  const total = Number((countRow as { n: number | string } | undefined)?.n ?? 0);
  return { items: items as T[], page, pageSize, total, pages: Math.max(1, Math.ceil(total / pageSize)) };
}
