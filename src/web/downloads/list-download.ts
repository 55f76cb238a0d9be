import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import * as z from 'zod';
import { spreadsheetSafe } from '../../lib/spreadsheet-safe.js';
import { flatColumns } from './flat-columns.js';

/** `download=csv` or `download=json` on a list page: the whole list (every page) as a file. */
export const downloadQuery = z.object({ download: z.enum(['csv', 'json']).optional().catch(undefined) });
export type DownloadFormat = 'csv' | 'json';
/** The download a list page's query asks for, if any. */
export const downloadOf = (query: unknown): DownloadFormat | undefined =>
  downloadQuery.parse(query ?? {}).download;

/** One column of a download: its key (JSON) and heading (CSV), and the value of a row. */
export interface Column<T> {
  key: string;
  header: string;
  value: (row: T) => unknown;
}

/**
 * A list as a download: a file name, its columns (absent: every field of the first page's rows, less
 * `omit`), and a reader of one page (1-based) of its rows.
 */
export interface ListDownload<T> {
  name: string;
  columns?: Column<T>[];
  omit?: readonly string[];
  page: (page: number, pageSize: number) => Promise<{ items: T[]; pages: number }>;
}

/** Rows per page read from the list's service while streaming (the services' own page limit). */
export const DOWNLOAD_PAGE_SIZE = 500;

type OnePage<T> = Awaited<ReturnType<ListDownload<T>['page']>>;

/**
 * Every row of the list, read page by page as the client takes them (backpressure), never all at
 * once; the first page was read before the answer started.
 */
async function* rowsOf<T>(spec: ListDownload<T>, first: OnePage<T>): AsyncGenerator<T> {
  yield* first.items;
  for (let p = 2; p <= first.pages; p++) yield* (await spec.page(p, DOWNLOAD_PAGE_SIZE)).items;
}

async function* csvRecords<T>(spec: ListDownload<T> & { columns: Column<T>[] }, head: OnePage<T>) {
  for await (const row of rowsOf(spec, head)) yield spec.columns.map((c) => spreadsheetSafe(c.value(row)));
}

async function* jsonText<T>(spec: ListDownload<T> & { columns: Column<T>[] }, head: OnePage<T>) {
  let first = true;
  yield '[';
  for await (const row of rowsOf(spec, head)) {
    const o = Object.fromEntries(spec.columns.map((c) => [c.key, c.value(row) ?? null]));
    yield (first ? '\n' : ',\n') + JSON.stringify(o);
    first = false;
  }
  yield '\n]\n';
}

/**
 * Streams a list as CSV (headings first; cells safe for spreadsheets) or as a JSON array of objects
 * keyed by column, as an attachment. The first page is read before anything is sent, so a refusal
 * (403, 404, bad filter) is an ordinary error page; a later error can only cut the file short.
 */
export async function sendListDownload<T>(res: Response, format: DownloadFormat, asked: ListDownload<T>) {
  const head = await asked.page(1, DOWNLOAD_PAGE_SIZE);
  const spec = { ...asked, columns: asked.columns ?? (flatColumns(head.items, asked.omit) as Column<T>[]) };
  const file = `${spec.name.replace(/[^\w.-]+/g, '_')}.${format}`;
  res.setHeader('content-disposition', `attachment; filename="${file}"`);
  res.setHeader('cache-control', 'no-store');
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8');
    await pipeline(
      Readable.from(csvRecords(spec, head)),
      stringify({ header: true, columns: spec.columns.map((c) => c.header), cast: { boolean: String } }),
      res,
    );
  } else {
    res.type('application/json; charset=utf-8');
    await pipeline(Readable.from(jsonText(spec, head)), res);
  }
}
