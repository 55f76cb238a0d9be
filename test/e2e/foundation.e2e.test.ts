import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('foundation pages in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in and shows the experiment page with styles applied (desktop)', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const errors = watchErrors(page);
    await signIn(page, app.url, 'superuser');
    expect(new URL(page.url()).pathname).toBe('/experiments/samdev');
    expect(await page.locator('#members-table tbody tr').count()).toBe(5);
    // Fomantic's CSS is applied: the primary button is blue, and its JS is loaded.
    const colour = await page
      .locator('#add-member-form .ui.primary.button')
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(colour).toBe('rgb(33, 133, 208)');
    expect(await page.evaluate(() => typeof (window as any).$.fn.dropdown)).toBe('function');
    await screenshot(page, 'experiment-desktop');
    expect(errors).toEqual([]);
  });

  it('adds a member through the form and switches role from the menu', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, app.url, 'superuser');
    await page.fill('#f-username', 'browserbob');
    await page.selectOption('#f-role', 'production');
    await page.click('#add-member-form button[type=submit]');
    await expect
      .poll(() => page.locator('.poms-flash').first().textContent())
      .toContain('browserbob is now production in samdev');
    await page.selectOption('#switch-role', 'analysis');
    await page.waitForURL(/experiments\/samdev/);
    await expect.poll(() => page.locator('#switch-role').inputValue()).toBe('analysis');
    expect(await page.locator('#add-member-form').count()).toBe(0);
  });

  it('is usable at phone width: no horizontal scroll, menu behind a toggle', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const errors = watchErrors(page);
    await signIn(page, app.url, 'shifter');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('#switch-role').isVisible()).toBe(false);
    await page.click('[data-toggle-menu]');
    expect(await page.locator('#switch-role').isVisible()).toBe(true);
    await screenshot(page, 'experiment-phone');
    expect(errors).toEqual([]);
  });
});
