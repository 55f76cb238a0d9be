import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import { encodeCursor } from '../../../src/domain/pagination/keyset-cursor.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import type { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { fakeSam, grow, type Shape } from './grown-experiment.js';
import { getJson, P, signedIn, tableRows, unescapeHtml } from './page-helpers.js';

// Next and previous pages of the submissions lists continue from a cursor in the address (keyset):
// walking a whole list by its cursors lists exactly what walking it by page numbers does, in every
// sort that has cursors, both ways, and a cursor that is not ours is a 400 naming its field.
describe('submissions lists: keyset pages', () => {
  let app: TestApp;
  let s: Shape;
  let browser: BrowserLikeClient;
  const PAGE = 7;
  beforeAll(async () => {
    app = await startTestApp({}, { shell: new LocalShell(), splitSamFor: () => emptySplitSam, sam: fakeSam });
    s = await grow(app.testDb.db, 1, 90);
    // Same creation time for several rows: ties are broken by id, none lost or repeated.
    const some = await app.testDb
      .db('submissions')
      .where({ stage_id: s.stage })
      .orderBy('submission_id')
      .limit(6);
    await app.testDb
      .db('submissions')
      .whereIn(
        'submission_id',
        some.map((r) => r.submission_id),
      )
      .update({ created_at: some[0].created_at });
    browser = await signedIn(app.url, 'producer');
  }, 120_000);
  afterAll(async () => app?.close());

  const list = (q: string) => `${P}/stages/${s.stage}/submissions?tdays=36500&page_size=${PAGE}&${q}`;
  const ids = (j: any) =>
    j.rows.items.filter((r: any) => r.depth === 0).map((r: any) => r.submission_id as number);
  /** The top-level submission ids of the list's JSON twin for query `q`. */
  const jsonIds = async (q: string) => ids((await getJson(app.url, list(q))).json);
  /** The top-level submission ids of a list page's table. */
  const tableIds = (html: string) =>
    tableRows(html, 'submissions-table')
      .filter((r) => r.depth === 0)
      .map((r) => r.id);
  /** Follows a page's Prev or Next link, which must carry its cursor (`before` or `after`). */
  const follow = async (html: string, rel: 'prev' | 'next') => {
    const href = unescapeHtml(new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)![1]);
    expect(href).toMatch(rel === 'next' ? /[?&]after=[A-Za-z0-9_-]+/ : /[?&]before=[A-Za-z0-9_-]+/);
    return browser.get(href);
  };

  it.each([
    ['created', 'desc'],
    ['created', 'asc'],
    ['id', 'desc'],
    ['status', 'asc'],
    ['status', 'desc'],
  ])(
    'by %s %s: Next cursors walk the same pages as page numbers, and Prev cursors walk them back',
    async (sort, dir) => {
      const q = `sort=${sort}&dir=${dir}`;
      const first = (await getJson(app.url, list(`${q}&page=1`))).json;
      expect(first.rows.pages).toBeGreaterThan(4);
      const byNumber: number[][] = [];
      for (let p = 1; p <= first.rows.pages; p++) byNumber.push(await jsonIds(`${q}&page=${p}`));
      const byCursor: number[][] = [];
      const cursors: Array<string | null> = [];
      let page = first;
      for (;;) {
        byCursor.push(ids(page));
        cursors.push(page.rows.prev);
        if (!page.rows.next) break;
        page = (await getJson(app.url, list(`${q}&page=${page.rows.page + 1}&after=${page.rows.next}`))).json;
      }
      expect(byCursor).toEqual(byNumber);
      expect(page.rows.page).toBe(first.rows.pages);
      expect(new Set(byCursor.flat()).size).toBe(first.rows.total);
      // Back from the last page by Prev cursors.
      const back: number[][] = [ids(page)];
      while (page.rows.prev) {
        page = (await getJson(app.url, list(`${q}&page=${page.rows.page - 1}&before=${page.rows.prev}`)))
          .json;
        back.unshift(ids(page));
      }
      expect(page.rows.page).toBe(1);
      expect(back).toEqual(byNumber);
    },
  );

  it('the page carries the cursors in its Prev/Next links and offers First and Last', async () => {
    const one = await browser.get(list('page=1'));
    expect(one.body).toContain('rel="last"');
    const two = await follow(one.body, 'next');
    expect(two.status).toBe(200);
    expect(tableIds(two.body)).toEqual(await jsonIds('page=2'));
    const back = await follow(two.body, 'prev');
    expect(tableIds(back.body)).toEqual(await jsonIds('page=1'));
    // Sorting by creator has no cursors: its pages go by number, as before.
    const byCreator = (await getJson(app.url, list('sort=creator&page=2'))).json;
    expect([byCreator.rows.next, byCreator.rows.prev]).toEqual([null, null]);
    expect(ids(byCreator)).toHaveLength(PAGE);
  });

  it('refuses a cursor that is not ours with a 400 naming the field; a cursor of another sort is ignored', async () => {
    for (const [field, value] of [
      ['after', 'garbage!'],
      ['before', encodeCursor({ sort: 'created', key: 'yesterday', id: 1 })],
    ]) {
      const r = await getJson(app.url, list(`${field}=${encodeURIComponent(value)}`));
      expect(r.status, field).toBe(400);
      expect(JSON.stringify(r.json)).toContain(field);
      expect((await browser.get(list(`${field}=${encodeURIComponent(value)}`))).status).toBe(400);
    }
    const other = encodeCursor({ sort: 'id', key: '1', id: 1 });
    const r = await getJson(app.url, list(`sort=created&page=2&after=${other}`));
    expect(ids(r.json)).toEqual(await jsonIds('sort=created&page=2'));
  });
});
