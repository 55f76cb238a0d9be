import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { startDemoRun, type DemoRun } from '../integration/pages/demo-run.js';

const P = '/experiments/samdev';

/** How far the page is wider than the window (> 0: the phone user must scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

// The stage, submissions, submission and file report pages in Chromium on the demo scenario's
// data, at desktop and phone width: key numbers from the database, clean consoles, no sideways
// scrolling on a phone, screenshots kept in test-results/screenshots.
describe('stage, submission and file pages in a real browser', () => {
  let run: DemoRun;
  let browser: Browser;
  let pages: Array<{ name: string; path: string; check: (page: Page) => Promise<void> }>;
  beforeAll(async () => {
    run = await startDemoRun();
    browser = await launchBrowser();
    const { reco, recovery, ana } = run.subs;
    const db = run.h.testDb.db;
    const dbStatus = async (id: number) =>
      (await db('submissions').where({ submission_id: id }).first('status')).status;
    pages = [
      {
        name: 'stage',
        path: `${P}/stages/${run.ids.reco}`,
        check: async (page) => {
          expect(await page.locator('#stage-recent tbody tr').count()).toBe(2);
          expect(await page.locator('#stage-next').textContent()).toContain('demo_raw');
          expect(await page.locator('#stage-actions form').count()).toBeGreaterThanOrEqual(6);
        },
      },
      {
        name: 'campaign-submissions',
        path: `${P}/campaigns/${run.ids.campaign}/submissions`,
        check: async (page) => {
          const rows = page.locator('#submissions-table tbody tr');
          expect(
            await rows.evaluateAll((trs) =>
              trs.map((tr) => [tr.getAttribute('data-submission'), tr.getAttribute('data-depth')]),
            ),
          ).toEqual([
            [String(reco.submission_id), '0'],
            [String(recovery.submission_id), '1'],
            [String(ana.submission_id), '1'],
          ]);
          // The history popup opens and lists the statuses from the database.
          const first = rows.first();
          await first.locator('.poms-history summary').click();
          expect(await first.locator('.poms-history-list li').count()).toBe(5);
          expect(await first.locator('.poms-status').first().textContent()).toBe(
            await dbStatus(reco.submission_id),
          );
        },
      },
      {
        name: 'stage-submissions',
        path: `${P}/stages/${run.ids.ana}/submissions`,
        check: async (page) => {
          expect(await page.locator('#submissions-table tbody tr .poms-marker').textContent()).toBe('↳');
        },
      },
      {
        name: 'submission',
        path: `${P}/submissions/${reco.submission_id}`,
        check: async (page) => {
          expect(await page.locator('#status-history tbody tr').count()).toBe(5);
          expect(await page.locator('#file-counts [data-col="consumed"]').textContent()).toBe('37');
          expect(await page.locator('#command-executed').textContent()).toBe(reco.command_executed);
          expect(await page.locator('.poms-unchanged').count()).toBe(3);
        },
      },
      {
        name: 'stage-files',
        path: `${P}/stages/${run.ids.reco}/files`,
        check: async (page) => {
          const row = page.locator(`#file-report-table tr[data-submission="${reco.submission_id}"]`);
          expect(await row.locator('[data-col="submitted"]').textContent()).toBe('40');
          expect(await row.locator('[data-col="failed"]').textContent()).toBe('3');
          expect(await page.locator('#file-report-total [data-col="submitted"]').textContent()).toBe('43');
        },
      },
      {
        name: 'campaign-files',
        path: `${P}/campaigns/${run.ids.campaign}/files`,
        check: async (page) => {
          expect(await page.locator('#file-report-table tbody tr').count()).toBe(2);
          const cached = await db('submissions')
            .sum({ n: db.raw(`(file_counts->>'submitted')::int`) })
            .first();
          expect(await page.locator('#file-report-total [data-col="submitted"]').textContent()).toBe(
            String(cached!.n),
          );
        },
      },
    ];
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    it(`shows every page at ${label} width`, { timeout: 120_000 }, async () => {
      const page = await browser.newPage({ viewport });
      const errors = watchErrors(page);
      await signIn(page, run.url, 'producer');
      for (const p of pages) {
        const res = await page.goto(run.url + p.path);
        expect(res?.status(), p.name).toBe(200);
        await p.check(page);
        if (label === 'phone') expect(await overflow(page), p.name).toBeLessThanOrEqual(0);
        await screenshot(page, `pages-${p.name}-${label}`);
      }
      expect(errors).toEqual([]);
      await page.close();
    });

  it('follows a number of the report to exactly its files', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const errors = watchErrors(page);
    await signIn(page, run.url, 'producer');
    await page.goto(`${run.url}${P}/stages/${run.ids.reco}/files`);
    await page.click(
      `#file-report-table tr[data-submission="${run.subs.reco.submission_id}"] [data-col="failed"] a`,
    );
    await page.waitForURL(/\/files\?dims=/);
    expect(await page.locator('#files-table tbody tr').count()).toBe(3);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'pages-files-phone');
    expect(errors).toEqual([]);
  });
});
