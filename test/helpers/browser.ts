import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-results/screenshots');

/** Debian's Chromium driven by Playwright; the flags keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

/** Saves a screenshot as a CI artefact under test-results/screenshots. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects console errors and failed requests so tests can assert a clean page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Signs in through the dev sign-in form and waits for its redirect to land. Waiting for "network
 * idle" alone is not enough: right after the click the sign-in page itself is still idle, so a
 * following page.goto could abort the form's POST before the session cookie arrives.
 */
export async function signIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { waitUntil: 'load' }),
    page.click(`button[name="username"][value="${username}"]`),
  ]);
  await page.waitForLoadState('networkidle');
}
