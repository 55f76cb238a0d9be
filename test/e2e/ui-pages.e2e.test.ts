import { createRequire } from 'node:module';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../src/services/demo/demo-campaigns.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { bulkCampaign } from '../integration/overview/overview-fixture.js';

const E = '/experiments/samdev';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page, one line each (rule: where). */
async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v: any) =>
          `${v.id}: ${v.nodes
            .slice(0, 3)
            .map((n: any) => n.target.join(' '))
            .join(' | ')}`,
      );
  });
  return found as string[];
}

/** Visible controls a finger taps that are under 44 px tall at phone width (issue 17), one line each. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, .ui.button, select, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), .poms-downloads a, .ui.pagination .item',
      ),
    ]
      .filter((el) => el.offsetParent !== null && !el.closest('.poms-menu, dialog:not([open])'))
      .map((el) => ({ el, h: el.getBoundingClientRect().height }))
      .filter((x) => x.h > 0 && x.h < 44)
      .slice(0, 5)
      .map(
        (x) =>
          `${x.el.tagName.toLowerCase()}${x.el.id ? '#' + x.el.id : ''}.${x.el.className} "${(x.el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(x.h)} px`,
      ),
  );
}

/** First load of any page, everything it fetches, compressed: the budget. */
const BUDGET = 300_000;

// Every main page at phone and desktop width: what a first visit downloads (counted as gzip would
// send it, so the budget holds with or without response compression), no sideways scrolling at
// 375 px, and a screenshot of each in test-results/screenshots.
describe('main pages: page weight, phone width, accessibility and screenshots', () => {
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];
  let main: Array<[string, string]> = [];
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    const bulk = await bulkCampaign(app.testDb.db, 'bulk', 60);
    const db = app.testDb.db;
    const demo = (await db('campaigns').where({ name: 'demo' }).first('campaign_id')).campaign_id;
    const stage = (await db('stages').where({ campaign_id: bulk }).orderBy('stage_id').first('stage_id'))
      .stage_id;
    const sub = (
      await db('submissions').where({ campaign_id: bulk }).orderBy('submission_id').first('submission_id')
    ).submission_id;
    main = [
      ['experiment', E],
      ['overview', `${E}/overview`],
      ['your-campaigns', `${E}/overview?whose=mine`],
      ['shifter', `${E}/shifter`],
      ['campaigns', `${E}/campaigns`],
      ['campaign', `${E}/campaigns/${demo}`],
      ['progress', `${E}/campaigns/${bulk}/progress`],
      ['timeline', `${E}/campaigns/${bulk}/timeline`],
      ['campaign-submissions', `${E}/campaigns/${bulk}/submissions`],
      ['stage', `${E}/stages/${stage}`],
      ['submission', `${E}/submissions/${sub}`],
      ['submission-files', `${E}/submissions/${sub}/files`],
      ['launch-log', `${E}/submissions/${sub}/log`],
      ['job-types', `${E}/job-types`],
      ['login-setups', `${E}/login-setups`],
      ['held-launches', `${E}/held-launches`],
      ['editor', `${E}/campaigns/${demo}/editor`],
      ['watching', '/watching'],
      ['profile', '/profile'],
    ];
    browser = await launchBrowser();
  }, 120_000);
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function visit(viewport: typeof DESKTOP, path: string) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    pages.push(page);
    page.setDefaultTimeout(60_000);
    await signIn(page, app.url, 'producer');
    // A first visit: nothing served from what the sign-in page cached.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const errors = watchErrors(page);
    const sizes: Array<{ url: string; gz: number }> = [];
    const pending: Promise<void>[] = [];
    page.on('response', (r) => {
      pending.push(
        r
          .body()
          .then((b) => void sizes.push({ url: r.url(), gz: zlib.gzipSync(b, { level: 6 }).length }))
          .catch(() => {}),
      );
    });
    await page.goto(app.url + path);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    return { page, errors, sizes, total: sizes.reduce((a, s) => a + s.gz, 0) };
  }

  it('loads every main page within the budget at desktop width', { timeout: 300_000 }, async () => {
    const report: string[] = [];
    for (const [name, path] of main) {
      const { page, errors, sizes, total } = await visit(DESKTOP, path);
      report.push(`${name}: ${Math.round(total / 1000)} KB`);
      await screenshot(page, `page-${name}-desktop`);
      const heavy = sizes
        .sort((a, b) => b.gz - a.gz)
        .slice(0, 4)
        .map((s) => `${new URL(s.url).pathname} ${Math.round(s.gz / 1000)} KB`);
      expect(total, `${name} (${path}): ${heavy.join(', ')}`).toBeLessThanOrEqual(BUDGET);
      expect(await axeProblems(page), `${name} (desktop)`).toEqual([]);
      expect(errors, name).toEqual([]);
      // No jQuery, no Fomantic script: a native <dialog> serves the editor's forms.
      expect(
        sizes.some((s) => s.url.includes('/vendor/jquery/')),
        name,
      ).toBe(false);
      expect(
        sizes.some((s) => s.url.includes('semantic.min')),
        name,
      ).toBe(false);
    }
    console.log(report.join('\n'));
  });

  it('never scrolls sideways at 375 px', { timeout: 300_000 }, async () => {
    for (const [name, path] of main) {
      const { page, errors } = await visit(PHONE, path);
      await screenshot(page, `page-${name}-phone`);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        name,
      ).toBeLessThanOrEqual(0);
      expect(await axeProblems(page), `${name} (phone)`).toEqual([]);
      expect(await smallTargets(page), `${name}: controls under 44 px`).toEqual([]);
      // Lists are cards at phone width: no heading row, nothing scrolled sideways inside its box.
      for (const t of await page.locator('table.poms-cards').all()) {
        expect(await t.locator('thead').isVisible(), name).toBe(false);
        expect(
          await t.evaluate((el) => el.scrollWidth - (el.parentElement as HTMLElement).clientWidth),
          name,
        ).toBeLessThanOrEqual(0);
      }
      expect(errors, name).toEqual([]);
    }
  });
});
