import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../src/services/demo/demo-campaigns.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { axeProblems, sidewaysScroll, smallTargets } from '../helpers/page-checks.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { bulkCampaign } from '../integration/overview/overview-fixture.js';

const E = '/experiments/samdev';
/** First load of any page, everything it fetches, compressed: the budget. */
const BUDGET = 300_000;

// Every page at phone and desktop width (those that need SAM: pages-reports.e2e.test.ts): what a
// first visit downloads (counted as gzip would send it, so the budget holds with or without
// response compression), no serious or critical axe-core findings, no sideways scrolling and no
// control under 44 px at 375 px, and a screenshot of each in test-results/screenshots.
describe('main pages: page weight, phone width, accessibility and screenshots', () => {
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];
  /** name, path, who signs in (default producer; null: nobody). */
  type Visit = [name: string, path: string, user?: string | null];
  let main: Visit[] = [];
  let others: Visit[] = [];
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
    const demoStage = (await db('stages').where({ campaign_id: demo }).orderBy('stage_id').first('stage_id'))
      .stage_id;
    const jobType = (await db('job_types').where({ experiment: 'samdev' }).first('job_type_id')).job_type_id;
    const loginSetup = (await db('login_setups').where({ experiment: 'samdev' }).first('login_setup_id'))
      .login_setup_id;
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
    // Every other page, for the same checks (a test of their own: each visit is slow on a busy machine).
    others = [
      ['experiments', '/experiments'],
      ['campaign-samples', `${E}/campaign-samples`],
      ['campaign-new', `${E}/campaigns/new`],
      ['campaign-edit', `${E}/campaigns/${demo}/edit`],
      ['campaign-clone', `${E}/campaigns/${demo}/clone`],
      ['campaign-notifications', `${E}/campaigns/${demo}/notifications`],
      ['editor-new', `${E}/campaigns/new/editor`],
      ['stage-new', `${E}/campaigns/${demo}/stages/new`],
      ['stage-edit', `${E}/stages/${demoStage}/edit`],
      ['stage-submissions', `${E}/stages/${stage}/submissions`],
      ['launch-preview', `${E}/stages/${demoStage}/launch-preview`],
      ['job-type', `${E}/job-types/${jobType}`],
      ['job-type-new', `${E}/job-types/new`],
      ['login-setup', `${E}/login-setups/${loginSetup}`],
      ['api-docs', '/api/docs'],
      ['admin-loops', '/admin/loops', 'admin'],
      ['admin-status', '/admin/status', 'admin'],
      ['admin-registry', '/admin/registry', 'admin'],
      ['sign-in', '/sign-in', null],
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

  async function visit(viewport: typeof DESKTOP, path: string, user: string | null = 'producer') {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    pages.push(page);
    page.setDefaultTimeout(60_000);
    if (user !== null) await signIn(page, app.url, user);
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

  const lists = [
    ['main', () => main],
    ['other', () => others],
  ] as const;
  for (const [which, list] of lists)
    it(`loads every ${which} page within the budget at desktop width`, { timeout: 600_000 }, async () => {
      const report: string[] = [];
      for (const [name, path, user] of list()) {
        const { page, errors, sizes, total } = await visit(DESKTOP, path, user);
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

  for (const [which, list] of lists)
    it(`never scrolls sideways at 375 px (${which} pages)`, { timeout: 600_000 }, async () => {
      for (const [name, path, user] of list()) {
        const { page, errors, total } = await visit(PHONE, path, user);
        await screenshot(page, `page-${name}-phone`);
        expect(await sidewaysScroll(page), name).toBeLessThanOrEqual(0);
        expect(total, `${name} (${path}) at phone width`).toBeLessThanOrEqual(BUDGET);
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
