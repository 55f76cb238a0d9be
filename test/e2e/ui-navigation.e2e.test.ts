import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerLoops } from '../../src/loops/register-loops.js';
import { seedDemoCampaigns } from '../../src/services/demo/demo-campaigns.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { axeProblems, sidewaysScroll } from '../helpers/page-checks.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const E = '/experiments/samdev';

// Issue 17 defects in the frame around every page: the navigation, the top bar, the campaigns list,
// the admin loops page, and where each person lands after signing in.
describe('navigation, landing and list defects in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(viewport: typeof DESKTOP, user: string, base = app.url) {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    page.setDefaultTimeout(60_000);
    const errors = watchErrors(page);
    await signIn(page, base, user);
    return { page, errors };
  }
  const active = (page: Page) =>
    page.locator('#poms-menu-main a.item.active').evaluateAll((as) => as.map((a) => a.textContent!.trim()));

  it('highlights exactly one navigation item, the section of the page', async () => {
    const { page, errors } = await open(DESKTOP, 'producer');
    const expected: Array<[string, string]> = [
      [E, 'Experiment'],
      [`${E}/campaigns`, 'Campaigns'],
      [`${E}/job-types`, 'Job types'],
      [`${E}/login-setups`, 'Job types'],
      [`${E}/shifter`, 'Shifter'],
      [`${E}/overview`, 'Overview'],
      ['/watching', 'Overview'],
      ['/experiments', 'All experiments'],
    ];
    for (const [path, item] of expected) {
      await page.goto(app.url + path);
      expect(await active(page), path).toEqual([item]);
      expect(await page.locator('#poms-menu-main a[aria-current="page"]').textContent()).toBe(item);
    }
    expect(errors).toEqual([]);
  });

  it('offers a skip link first and shows where the keyboard focus is', async () => {
    const { page } = await open(PHONE, 'shifter');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.poms-skip');
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(await skip.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { inMain: !!el.closest('main'), outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused).toEqual({ inMain: true, outline: 'solid' });
  });

  it('keeps the top bar on one row at 1280 px', async () => {
    const { page } = await open(DESKTOP, 'admin');
    await page.goto(`${app.url}${E}/campaigns`);
    const tops = await page
      .locator('.poms-menu .item:visible')
      .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(8);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);
    expect((await page.locator('.poms-menu').boundingBox())!.height).toBeLessThan(70);
    // Root's bar (three admin links more) fits the window too: nothing past its right edge.
    const rights = await page
      .locator('.poms-menu .item:visible')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(Math.max(...rights)).toBeLessThanOrEqual(DESKTOP.width);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, 'top-bar-desktop');
  });

  it('shows every campaign row with its Delete button inside the list at 1280 px', async () => {
    const { page } = await open(DESKTOP, 'producer');
    await page.goto(`${app.url}${E}/campaigns`);
    const box = page.locator('#campaigns-table').locator('xpath=..');
    const b = (await box.boundingBox())!;
    expect(await box.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    const deletes = page.locator('#campaigns-table button', { hasText: 'Delete' });
    expect(await deletes.count()).toBeGreaterThan(0);
    for (const d of await deletes.all()) {
      const r = (await d.boundingBox())!;
      expect(r.x + r.width).toBeLessThanOrEqual(b.x + b.width);
    }
    // The table fills its box.
    expect((await page.locator('#campaigns-table').boundingBox())!.width).toBeGreaterThanOrEqual(b.width - 1);
    await screenshot(page, 'campaigns-desktop');
  });

  const LANDING: Array<[string, string, string]> = [
    ['shifter', `${E}/shifter`, 'Needs attention'],
    ['producer', `${E}/overview?whose=mine`, 'Your campaigns'],
    ['analyst', `${E}/overview?whose=mine`, 'Your campaigns'],
    ['superuser', `${E}/overview`, 'Overview'],
  ];
  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    for (const [user, path, heading] of LANDING)
      it(`lands the ${user} on ${path} after sign-in (${width})`, async () => {
        const { page, errors } = await open(viewport, user);
        const u = new URL(page.url());
        expect(u.pathname + u.search).toBe(path);
        expect(await page.locator('h1').first().textContent()).toContain(heading);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
        await screenshot(page, `landing-${user}-${width}`);
        expect(errors).toEqual([]);
      });

  it('remembers the last role: a superuser acting as shifter lands on Needs attention next time', async () => {
    const { page } = await open(DESKTOP, 'superuser');
    // The select submits its form: wait for the page it leads to, showing the new role.
    const switchRole = async (role: string) => {
      await page.selectOption('#switch-role', role);
      await page.waitForSelector(`#switch-role option[value="${role}"][selected]`, { state: 'attached' });
    };
    await switchRole('production-shifter');
    await page.click('form[action="/sign-out"] button');
    await page.waitForURL(/sign-in|signed-out/);
    await signIn(page, app.url, 'superuser');
    expect(new URL(page.url()).pathname).toBe(`${E}/shifter`);
    await switchRole('superuser');
  });

  it('reports the number of expired sessions the prune loop removed (embedded PostgreSQL)', async () => {
    const lite = await startTestApp({}, undefined, { pglite: true });
    try {
      registerLoops(lite.services.loops, lite.services, lite.services.config);
      await lite.testDb.db('sessions').insert({ sid: 'old', data: '{}', expires_at: new Date(0) });
      const { page, errors } = await open(DESKTOP, 'admin', lite.url);
      await page.goto(`${lite.url}/admin/loops`);
      const row = page.locator('tr', { hasText: 'session-prune' });
      await row.locator('button', { hasText: 'Run now' }).click();
      // The run answers with the loops page again, its outcome in a flash.
      const flash = page.locator('.poms-flash', { hasText: 'session-prune:' });
      await flash.waitFor();
      expect(await flash.textContent()).toContain('session-prune: 1 expired session(s) removed');
      expect(await page.locator('main').textContent()).not.toContain('[object Object]');
      expect(errors).toEqual([]);
    } finally {
      await lite.close();
    }
  });
});
