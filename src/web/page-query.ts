import * as z from 'zod';

export const DEFAULT_PAGE_SIZE = 50;

/** Page number and size from a query string; bad values fall back to defaults instead of failing. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  page_size: z.coerce.number().int().min(1).max(500).catch(DEFAULT_PAGE_SIZE),
});

export function pageRequest(query: unknown) {
  const { page, page_size } = pageQuery.parse(query ?? {});
  return { page, pageSize: page_size };
}
