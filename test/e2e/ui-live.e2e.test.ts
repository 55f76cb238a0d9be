import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../src/db/stores/submission-store.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import {
  runUntil,
  stageId,
  startSimApp,
  step,
  type SimApp,
} from '../integration/overview/overview-fixture.js';

const E = '/experiments/samdev';

// Issue 17, live pages: the submission, stage, campaign, shifter and overview pages poll their JSON twins and show a
// status change without a reload. The simulator's clock is driven by the test; the pages poll often
// (an init script shortens the period) and the test waits for what the page shows, never for time.
describe('live submission, stage, campaign, shifter and overview pages (simulator, manual clock)', () => {
  let h: SimApp;
  let browser: Browser;
  let reco: number;
  let campaignId: number;
  const pages: Page[] = [];
  const sub = (id: number) => h.testDb.db<SubmissionRow>('submissions').where({ submission_id: id }).first();

  beforeAll(async () => {
    h = await startSimApp();
    browser = await launchBrowser();
    reco = await stageId(h, 'demo', 'reco');
    campaignId = (await h.testDb.db('stages').where({ stage_id: reco }).first('campaign_id')).campaign_id;
  }, 120_000);
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(viewport: typeof DESKTOP, path: string) {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    page.setDefaultTimeout(60_000);
    const errors = watchErrors(page);
    await signIn(page, h.url, 'producer');
    // After signing in: a producer lands on the (live) overview, which would never go network-idle.
    await page.addInitScript(() => {
      (window as unknown as { pomsLiveEveryMs: number }).pomsLiveEveryMs = 250;
    });
    // Not "network idle": a live page polls every 250 ms here.
    await page.goto(h.url + path, { waitUntil: 'load' });
    // A mark that a reload would wipe: the change must arrive in this same document.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    return { page, errors };
  }
  const notReloaded = (page: Page) =>
    page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
  const shownStatus = (page: Page, selector: string) =>
    page.locator(`${selector} [data-status]`).first().getAttribute('data-status');

  it('shows a submission moving from New to Running and on to its end without a reload', async () => {
    const producer = await h.user('producer');
    const { submissionId: sid } = (await h.services.launchActions.launch(producer, reco, {}, 'samdev')) as {
      submissionId: number;
    };
    await h.services.runner.idle();
    const subPage = await open(PHONE, `${E}/submissions/${sid}`);
    const stagePage = await open(DESKTOP, `${E}/stages/${reco}`);
    const campaignPage = await open(DESKTOP, `${E}/campaigns/${campaignId}`);
    const before = (await sub(sid))!.status;
    expect(await shownStatus(subPage.page, '#submission-header')).toBe(before);
    expect(await shownStatus(stagePage.page, `#stage-recent tr[data-submission="${sid}"]`)).toBe(before);
    const historyRows = await subPage.page.locator('#status-history tbody tr').count();

    await runUntil(h, async () => (await sub(sid))!.status === 'Running');
    await expect.poll(() => shownStatus(subPage.page, '#submission-header')).toBe('Running');
    await expect
      .poll(() => subPage.page.locator('#status-history tbody tr').count())
      .toBeGreaterThan(historyRows);
    await expect
      .poll(() => shownStatus(stagePage.page, `#stage-recent tr[data-submission="${sid}"]`))
      .toBe('Running');
    await expect
      .poll(() => campaignPage.page.locator('#stages-table [data-status="Running"]').count())
      .toBeGreaterThan(0);
    // The actions follow the status: a running submission can be held, a New one could not.
    await expect
      .poll(() => subPage.page.locator('#submission-actions form[data-act="hold"]').count())
      .toBe(1);
    await screenshot(subPage.page, 'live-submission-phone');

    await runUntil(h, async () => ['Located', 'Failed', 'Completed'].includes((await sub(sid))!.status));
    const end = (await sub(sid))!.status;
    await expect.poll(() => shownStatus(subPage.page, '#submission-header')).toBe(end);
    await expect
      .poll(() => shownStatus(stagePage.page, `#stage-recent tr[data-submission="${sid}"]`))
      .toBe(end);
    await screenshot(stagePage.page, 'live-stage-desktop');
    await screenshot(campaignPage.page, 'live-campaign-desktop');
    for (const p of [subPage, stagePage, campaignPage]) {
      expect(await notReloaded(p.page)).toBe(true);
      expect(await p.page.locator('#live-updated').textContent()).toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
      );
      expect(p.errors).toEqual([]);
    }
  }, 240_000);

  it('shows a hold on the shifter view and the overview, and its release, without a reload', async () => {
    const producer = await h.user('producer');
    const { submissionId: sid } = (await h.services.launchActions.launch(producer, reco, {}, 'samdev')) as {
      submissionId: number;
    };
    await runUntil(h, async () => (await sub(sid))!.status === 'Running');
    const shifter = await open(PHONE, `${E}/shifter`);
    const overview = await open(DESKTOP, `${E}/overview`);
    const heldItem = (page: Page) => page.locator(`#group-held a[href$="/submissions/${sid}"]`).count();
    const heldOnOverview = (page: Page) =>
      page.locator(`#overview-table tr[data-campaign="${campaignId}"] [title="held now"]`).count();
    expect(await heldItem(shifter.page)).toBe(0);
    expect(await heldOnOverview(overview.page)).toBe(0);

    await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id: sid }, 'hold');
    await step(h, 1000);
    expect((await sub(sid))!.status).toBe('Held');
    await expect.poll(() => heldItem(shifter.page)).toBe(1);
    await expect.poll(() => heldOnOverview(overview.page)).toBe(1);
    // The swapped-in actions are live: Release on the new item still asks first.
    expect(
      await shifter.page.locator(`#group-held form[data-confirm*="submission ${sid}"]`).count(),
    ).toBeGreaterThan(0);
    await screenshot(shifter.page, 'live-shifter-phone');
    await screenshot(overview.page, 'live-overview-desktop');

    await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id: sid }, 'release');
    await runUntil(h, async () => (await sub(sid))!.status !== 'Held');
    await expect.poll(() => heldItem(shifter.page)).toBe(0);
    await expect.poll(() => heldOnOverview(overview.page)).toBe(0);
    for (const p of [shifter, overview]) {
      expect(await notReloaded(p.page)).toBe(true);
      expect(await p.page.locator('#live-updated').textContent()).toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
      );
      expect(p.errors).toEqual([]);
    }
  }, 240_000);

  it('keeps confirmations on the actions it swapped in', async () => {
    const { page } = await open(DESKTOP, `${E}/stages/${reco}`);
    await expect.poll(() => page.locator('[data-live-twin]').getAttribute('data-live-seen')).not.toBeNull();
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.locator('#stage-danger button', { hasText: 'Hold launches' }).click();
    expect(asked).toEqual([expect.stringMatching(/^Hold stage reco\?/)]);
    expect(await notReloaded(page)).toBe(true);
  });

  it('stops polling while the tab is hidden and polls again at once when it is shown', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    pages.push(page);
    page.setDefaultTimeout(60_000);
    await signIn(page, h.url, 'producer');
    // The page's timers run on a clock the test drives; fetches of the JSON twin are counted as made.
    await page.clock.install();
    await page.addInitScript(() => {
      const w = window as unknown as { pomsLiveEveryMs: number; twinCalls: number; fetch: typeof fetch };
      w.pomsLiveEveryMs = 250;
      w.twinCalls = 0;
      const real = w.fetch.bind(window);
      w.fetch = (input, init) => {
        if (String(input).startsWith('/api/v1/')) w.twinCalls++;
        return real(input, init);
      };
    });
    await page.goto(`${h.url}${E}/overview`, { waitUntil: 'load' });
    const calls = () => page.evaluate(() => (window as unknown as { twinCalls: number }).twinCalls);
    const setHidden = (hidden: boolean) =>
      page.evaluate((v) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => v });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);

    await page.clock.runFor(250);
    expect(await calls()).toBe(1);
    // The first answer swaps the regions in and schedules the next poll.
    await expect.poll(() => page.locator('#overview-live').getAttribute('data-live-seen')).toBe('1');
    await setHidden(true);
    const hiddenAt = await calls();
    await page.clock.runFor(60_000); // 240 periods
    expect(await calls()).toBe(hiddenAt);
    await setHidden(false);
    await page.clock.runFor(100);
    expect(await calls()).toBe(hiddenAt + 1);
  }, 120_000);
});
