import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../src/db/stores/submission-store.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { makeStage } from '../helpers/config-fixtures.js';
import {
  bulkCampaign,
  runUntil,
  stageId,
  startSimApp,
  type SimApp,
} from '../integration/overview/overview-fixture.js';

// The progress, time bars, shifter, overview and watching pages in Chromium after an accelerated
// simulator run of the demo campaign, at desktop and phone width, numbers checked against the database.
describe('campaign progress, time bars, shifter view and overview in a real browser', () => {
  let h: SimApp;
  let browser: Browser;
  let campaignId: number;
  let failedId: number;
  let bulkId: number;
  const subs = () => h.testDb.db<SubmissionRow>('submissions').where({ campaign_id: campaignId });

  beforeAll(async () => {
    h = await startSimApp();
    browser = await launchBrowser();
    campaignId = (await h.testDb.db('campaigns').where({ name: 'demo' }).first('campaign_id')).campaign_id;
    const producer = await h.user('producer');
    const ana = await stageId(h, 'demo', 'ana');
    await h.services.launchActions.launch(producer, await stageId(h, 'demo', 'reco'), {}, 'samdev');
    await h.services.runner.idle();
    // ana (completion type `complete`) is Located as soon as its jobs end, before SAM has located all
    // its outputs: the run goes on until wrapup's recounts have seen them located (docs/numbers.md).
    await runUntil(
      h,
      async () =>
        (await subs()).some((s) => s.stage_id === ana && s.status === 'Located') &&
        (await h.services.progress.campaign(producer, 'samdev', campaignId, { hours: 24 })).totals.files
          .pct === 100,
    );
    bulkId = await bulkCampaign(h.testDb.db, 'bulk', 3000);
    // Something for the shifter, newer than the bulk history: a launch whose script does not exist.
    const broken = await makeStage(h.testDb.db, {
      launchScript: 'no_such_launch_script',
      campaign: 'broken',
      account: 'samdevpro',
      setup: '',
    });
    const out = await h.services.launchActions.launch(producer, broken.stage.stage_id, {}, 'samdev');
    failedId = (out as { submissionId: number }).submissionId;
    await h.services.runner.idle();
    await h.services.overview.setWatch(producer, 'samdev', campaignId, true);
  }, 300_000);
  const pages: Page[] = [];
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(viewport: typeof DESKTOP, user: string, path: string) {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    page.setDefaultTimeout(60_000); // the CI machine may be busy: generous, not a speed assertion
    const errors = watchErrors(page);
    await signIn(page, h.url, user);
    await page.goto(h.url + path);
    await page.waitForLoadState('networkidle');
    return { page, errors };
  }
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`draws the progress graph and its table (${width})`, { timeout: 180_000 }, async () => {
      const { page, errors } = await open(
        viewport,
        'producer',
        `/experiments/samdev/campaigns/${campaignId}/progress`,
      );
      await page.waitForSelector('#progress-graph[data-drawn="1"]');
      expect(await page.locator('#progress-graph canvas').count()).toBe(1);
      expect(await page.locator('#campaign-pct .value').textContent()).toBe('100%');
      const recoRow = page.locator('#progress-table tbody tr').first();
      expect(await recoRow.locator('td[data-label="Files"]').textContent()).toContain('100% · 40/40');
      expect(await page.locator('#progress-table tbody tr').count()).toBe(2);
      await screenshot(page, `overview-progress-${width}`);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    });

    it(`shows every submission in the time bars (${width})`, { timeout: 180_000 }, async () => {
      const { page, errors } = await open(
        viewport,
        'producer',
        `/experiments/samdev/campaigns/${campaignId}/timeline`,
      );
      // One bar per submission, in pieces coloured by each status it went through.
      const pieces = await page
        .locator('#timeline svg rect[data-submission]')
        .evaluateAll((rs) =>
          rs.map((r) => [r.getAttribute('data-submission'), r.getAttribute('data-status')]),
        );
      expect(new Set(pieces.map((p) => Number(p[0])))).toEqual(
        new Set((await subs()).map((s) => s.submission_id)),
      );
      expect(pieces.length).toBeGreaterThan((await subs()).length);
      expect(await page.locator('#timeline .poms-tl-reco').count()).toBeGreaterThan(0);
      expect(await page.locator('#timeline-legend .poms-legend-item').count()).toBeGreaterThanOrEqual(11);
      await screenshot(page, `overview-timeline-${width}`);
      await Promise.all([page.waitForURL(/tmin=/), page.click('#tl-zoom-in')]);
      await page.waitForLoadState('networkidle');
      await page.goto(`${h.url}/experiments/samdev/campaigns/${campaignId}/timeline?mode=buckets`);
      const total = await page.locator('#timeline').getAttribute('data-total');
      expect(Number(total)).toBe((await subs()).length);
      await screenshot(page, `overview-timeline-buckets-${width}`);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
    });

    it(
      `stays readable with 3000 submissions: counts per time slice (${width})`,
      { timeout: 180_000 },
      async () => {
        const { page, errors } = await open(
          viewport,
          'producer',
          // its whole life (the default window is the last week of activity)
          `/experiments/samdev/campaigns/${bulkId}/timeline?tmin=2020-01-01`,
        );
        expect(await page.locator('#timeline').getAttribute('data-mode')).toBe('buckets');
        expect(await page.locator('#timeline').getAttribute('data-total')).toBe('3000');
        expect(await page.locator('#timeline .poms-tl-row').count()).toBe(3);
        await screenshot(page, `overview-timeline-3000-${width}`);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.goto(`${h.url}/experiments/samdev/campaigns/${bulkId}/progress`);
        await page.waitForSelector('#progress-graph[data-drawn="1"]');
        await screenshot(page, `overview-progress-3000-${width}`);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
      },
    );

    it(
      `lists the campaigns on the overview and the watching page (${width})`,
      { timeout: 180_000 },
      async () => {
        const { page, errors } = await open(viewport, 'producer', '/experiments/samdev/overview');
        const demo = page.locator(`#overview-table tr[data-campaign="${campaignId}"]`);
        expect(await demo.locator('td[data-label="Files"]').textContent()).toContain('100% · 80/80');
        await screenshot(page, `overview-overview-${width}`);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await page.goto(`${h.url}/watching`);
        expect(await page.locator('#watching-table tbody tr[data-campaign]').count()).toBe(1);
        await screenshot(page, `overview-watching-${width}`);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
      },
    );
  }

  it(
    'shows the shifter what needs attention on a phone, and acknowledges with one tap and a confirmation',
    { timeout: 180_000 },
    async () => {
      const { page, errors } = await open(PHONE, 'shifter', '/experiments/samdev/shifter');
      const item = page.locator(`[data-key="failed:${failedId}"]`);
      expect(await item.count()).toBe(1);
      expect(await page.locator('[data-count-of="failed"]').textContent()).toBe(
        String(
          await h.testDb
            .db('submissions')
            .whereIn('status', ['Failed', 'LaunchFailed'])
            .where('status_at', '>=', new Date(Date.now() - 72 * 3_600_000))
            .count({ n: '*' })
            .first()
            .then((r) => Number(r!.n)),
        ),
      );
      await screenshot(page, 'overview-shifter-phone');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      let asked = '';
      page.once('dialog', (d) => {
        asked = d.message();
        void d.accept();
      });
      await item.locator('button', { hasText: 'Acknowledge' }).click();
      // The form posts and redirects back here: the item leaves the page once the redirect lands.
      await page.locator(`[data-key="failed:${failedId}"]`).waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
      expect(asked).toContain(`Hide submission ${failedId}`);
      expect(await page.locator('.poms-flash, .ui.message').first().textContent()).toContain('Acknowledged');
      const desktop = await open(DESKTOP, 'shifter', '/experiments/samdev/shifter');
      await screenshot(desktop.page, 'overview-shifter-desktop');
      expect([...errors, ...desktop.errors]).toEqual([]);
    },
  );
});
