import { fileList } from './provenance-mql.js';

// The MQL the file pages and housekeeping send MetaCat (external-apis.md 4.2): a stable page of a
// query, one file's parents and children, whether a file is among a query's files, a union of
// queries, and a query that selects nothing.

/** Files offset … offset+limit−1 of `query` in MetaCat's stable order. */
export const pageMql = (query: string, offset: number, limit: number): string =>
  `(${query}) ordered skip ${offset} limit ${limit}`;

export const parentsMql = (did: string): string => `parents(${fileList([did])})`;
export const childrenMql = (did: string): string => `children(${fileList([did])})`;

/** The file itself when it is among `query`'s files (count 1), else nothing. */
export const amongMql = (did: string, query: string): string => `join(${fileList([did])}, ${query})`;

/** An MQL query that selects no file (no file has an empty name). */
export const NOTHING_MQL = 'files where name = ""';

/** The files of any of `queries`; none: NOTHING_MQL. */
export const unionMql = (queries: readonly string[]): string =>
  queries.length === 0 ? NOTHING_MQL : queries.length === 1 ? queries[0] : `union(${queries.join(', ')})`;
