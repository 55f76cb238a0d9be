import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, signIn, watchErrors } from '../helpers/browser.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { bulkCampaign } from '../integration/overview/overview-fixture.js';

const E = '/experiments/samdev';

// Issue 17: the CSV link under a list downloads the whole list (every page) in a real browser, at
// phone and desktop width, with spreadsheet formulas quoted.
describe('CSV downloads in a real browser', () => {
  let h: TestApp;
  let browser: Browser;
  let campaignId: number;

  beforeAll(async () => {
    h = await startTestApp();
    browser = await launchBrowser();
    campaignId = await bulkCampaign(h.testDb.db, 'bulk', 120, 3);
    await h.testDb
      .db('submissions')
      .whereIn(
        'submission_id',
        h.testDb.db('submissions').where({ campaign_id: campaignId }).min('submission_id'),
      )
      .update({ dataset: '=1+2' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)
    it(`downloads every submission of a campaign from the list's CSV link (${label})`, async () => {
      const page = await browser.newPage({ viewport, acceptDownloads: true });
      const errors = watchErrors(page);
      await signIn(page, h.url, 'producer');
      await page.goto(`${h.url}${E}/campaigns/${campaignId}/submissions?tdays=7`);
      const link = page.locator('.poms-downloads a[data-download="csv"]');
      const box = (await link.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(24);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(`samdev-campaign-${campaignId}-submissions.csv`);
      const rows: string[][] = parse(fs.readFileSync((await download.path())!, 'utf8'));
      expect(rows[0][0]).toBe('Submission');
      expect(rows).toHaveLength(121);
      expect(rows.some((r) => r.includes(`'=1+2`))).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
});
