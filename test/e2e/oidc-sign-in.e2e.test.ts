import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../integration/api/api-harness.js';
import { DESKTOP, launchBrowser } from '../helpers/browser.js';
import { freePort, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';

// Sign-in through a real OpenID Connect provider on loopback (issue 20): the whole browser flow
// (POMS → provider login and consent → POMS callback), landing by role; a forged state or an
// expired code is refused with a message; sign-out ends the provider's session too.
describe('OIDC sign-in in a real browser', () => {
  let h: ApiHarness;
  let op: TestOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    const opPort = await freePort();
    const issuer = `http://127.0.0.1:${opPort}`;
    h = await startApiHarness({
      callback: true,
      overrides: {
        auth: { mode: 'oidc' },
        server: { session_secret: 'a-long-test-secret-for-oidc-mode-0123456789' },
        oidc: {
          issuer,
          client_id: 'poms',
          client_secret: 'a-test-client-secret-of-the-provider',
          scopes: 'openid profile',
          groups_claim: 'groups',
        },
      },
    });
    op = await startOidcProvider(opPort, h.url);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await op?.close();
    await h?.close();
  });

  /** From POMS's sign-in to the provider's form, signed in there as `login`, consent given. */
  async function atProvider(page: Page, login: string) {
    await page.goto(`${h.url}/sign-in`);
    expect(new URL(page.url()).origin).toBe(op.issuer);
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'any');
    await page.click('button[type="submit"]');
    await page.waitForLoadState('load');
    if (new URL(page.url()).origin === op.issuer) await page.click('button[type="submit"]');
  }

  it('signs a shifter in and lands on the shifter page; sign-out ends the provider session', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await atProvider(page, 'shifter');
    await page
      .waitForURL((u) => u.pathname === '/experiments/samdev/shifter', { timeout: 5000 })
      .catch((e) => {
        throw new Error(`${page.url()}: ${e.message}`);
      });
    expect(await page.locator('.poms-user').innerText()).toMatch(/Shay Shifter/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ username: 'shifter', auth_via: 'session' });

    await page.evaluate(() =>
      (document.querySelector('form[action="/sign-out"]') as HTMLFormElement).submit(),
    );
    await page.waitForURL((u) => u.origin === op.issuer, { waitUntil: 'load' });
    // The provider asks whether to end its session too; yes, then back to POMS.
    await page.click('button[name="logout"]');
    await page.waitForURL((u) => u.pathname === '/signed-out', { waitUntil: 'load' });
    await page.goto(`${h.url}/profile`);
    // Signed out at the provider too: POMS sends the browser to its login form again.
    expect(new URL(page.url()).origin).toBe(op.issuer);
    expect(await page.locator('input[name="login"]').count()).toBe(1);
    await page.close();
  });

  it('a superuser lands on the overview, a producer on their own campaigns', async () => {
    for (const [login, path] of [
      ['superuser', '/experiments/samdev/overview'],
      ['producer', '/experiments/samdev/overview?whose=mine'],
    ]) {
      const page = await browser.newPage({ viewport: DESKTOP });
      await atProvider(page, login);
      await page.waitForURL((u) => u.pathname + u.search === path);
      await page.close();
    }
  });

  /** Signs in at the provider, which holds the browser's return to POMS; returns that callback URL. */
  async function heldCallback(page: Page, login: string): Promise<URL> {
    const held = op.holdNextCallback();
    await atProvider(page, login);
    return held;
  }

  it('a callback with a state that is not this sign-in is refused with a message', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const cb = await heldCallback(page, 'producer');
    cb.searchParams.set('state', 'forged-state');
    const answer = await page.goto(cb.href);
    expect(answer!.status()).toBe(401);
    expect(await page.locator('main').innerText()).toMatch(
      /sign-in refused: the state does not belong to this sign-in/,
    );
    await page.close();
  });

  it('an expired authorization code is refused with a message', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const cb = await heldCallback(page, 'producer');
    op.expireCodes();
    const answer = await page.goto(cb.href);
    expect(answer!.status()).toBe(401);
    expect(await page.locator('main').innerText()).toMatch(
      /sign-in refused: the provider refused the sign-in code \(invalid_grant: expired or already used\)/,
    );
    await page.close();
  });

  it('someone the provider knows but POMS does not is refused', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await atProvider(page, 'stranger');
    await page.waitForURL((u) => u.pathname === '/auth/callback');
    expect(await page.locator('main').innerText()).toMatch(
      /stranger signed in at the provider but is not a POMS user/,
    );
    await page.close();
  });
});
