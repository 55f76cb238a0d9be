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
    expect(new URL(page.url()).pathname).toBe('/experiments/samdev/overview');
    await page.goto(`${app.url}/experiments/samdev`);
    expect(await page.locator('#members-table tbody tr').count()).toBe(5);
    // Fomantic's CSS is applied (the primary button is blue); no jQuery or Fomantic script is loaded.
    const colour = await page
      .locator('#add-member-form .ui.primary.button')
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(colour).toBe('rgb(27, 106, 168)'); // Fomantic's blue, darkened for AA contrast
    expect(await page.evaluate(() => typeof (window as any).$)).toBe('undefined');
    await screenshot(page, 'experiment-desktop');
    expect(errors).toEqual([]);
  });

  it('adds a member through the form and switches role from the menu', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, app.url, 'superuser');
    await page.goto(`${app.url}/experiments/samdev`);
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
    // The brand and the toggle share the first row: same top, the toggle at the right edge.
    const toggle = page.locator('[data-toggle-menu]');
    const brandBox = (await page.locator('.poms-menu .header.item').boundingBox())!;
    const toggleBox = (await toggle.boundingBox())!;
    expect(Math.abs(toggleBox.y - brandBox.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(toggleBox.height - brandBox.height)).toBeLessThanOrEqual(2);
    expect(toggleBox.x).toBeGreaterThan(brandBox.x + brandBox.width - 2);
    expect(PHONE.width - (toggleBox.x + toggleBox.width)).toBeLessThanOrEqual(4);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await screenshot(page, 'experiment-phone');
    await page.click('[data-toggle-menu]');
    expect(await page.locator('#switch-role').isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // The opened items stack full width below the brand row, still without horizontal scroll.
    const itemBox = (await page.locator('.poms-menu-items a.item').first().boundingBox())!;
    expect(itemBox.y).toBeGreaterThanOrEqual(brandBox.y + brandBox.height - 1);
    expect(itemBox.width).toBeGreaterThan(PHONE.width - 10);
    expect((await page.locator('#switch-role').boundingBox())!.y).toBeGreaterThan(
      brandBox.y + brandBox.height,
    );
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, 'experiment-phone-menu-open');
    // Space on the focused toggle (a link with role=button) closes it again.
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#switch-role').isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
  });

  it('shows the menu inline without the toggle at desktop width', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await signIn(page, app.url, 'shifter');
    expect(await page.locator('[data-toggle-menu]').isVisible()).toBe(false);
    expect(await page.locator('#switch-role').isVisible()).toBe(true);
    // The first menu items sit on the brand's row.
    const brandBox = (await page.locator('.poms-menu .header.item').boundingBox())!;
    const itemBox = (await page.locator('.poms-menu-items a.item').first().boundingBox())!;
    expect(Math.abs(itemBox.y - brandBox.y)).toBeLessThanOrEqual(2);
    expect(itemBox.x).toBeGreaterThan(brandBox.x);
  });
});
