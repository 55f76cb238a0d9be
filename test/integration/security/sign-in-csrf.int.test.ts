import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// Issue 12 finding 5: another site must not sign a browser in as a user of its choosing.
describe('the sign-in form carries and checks a CSRF token', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('refuses a sign-in post without the token, and signs in with it', async () => {
    const forged = await fetch(`${app.url}/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin' }),
      headers: { origin: 'http://evil.example' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);

    const b = new BrowserLikeClient(app.url);
    const page = await b.get('/sign-in');
    expect(page.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect((await b.post('/sign-in', { username: 'producer' }, { csrf: false })).status).toBe(403);
    const ok = await b.post('/sign-in', { username: 'producer' });
    expect(ok.status).toBe(303);
  });
});
