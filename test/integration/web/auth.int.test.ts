import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('sign-in, sessions and role switching (dev mode)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('sends anonymous visitors to the sign-in page listing the demo users', async () => {
    const c = new BrowserLikeClient(app.url);
    const home = await c.get('/');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/sign-in');
    const page = await c.get('/sign-in');
    for (const u of ['admin', 'superuser', 'producer', 'shifter', 'analyst'])
      expect(page.body).toContain(`value="${u}"`);
  });

  it('sends an anonymous visitor back to the page they asked for once signed in, storing nothing before', async () => {
    const c = new BrowserLikeClient(app.url);
    const asked = await c.get('/experiments/samdev/campaigns?active=all');
    expect(asked.status).toBe(303);
    expect(asked.location).toBe('/sign-in?next=%2Fexperiments%2Fsamdev%2Fcampaigns%3Factive%3Dall');
    expect(asked.headers.get('set-cookie')).toBeNull();
    const form = await c.get(asked.location!);
    expect(form.body).toContain('name="next" value="/experiments/samdev/campaigns?active=all"');
    const signedIn = await c.post('/sign-in', {
      username: 'producer',
      next: '/experiments/samdev/campaigns?active=all',
    });
    expect(signedIn.location).toBe('/experiments/samdev/campaigns?active=all');
    for (const outside of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const other = new BrowserLikeClient(app.url);
      await other.get('/sign-in');
      expect((await other.post('/sign-in', { username: 'producer', next: outside })).location, outside).toBe(
        '/',
      );
    }
  });

  it('signs in, lands on the current experiment and shows the user in the menu', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('producer');
    const home = await c.get('/');
    expect(home.location).toBe('/experiments/samdev/overview?whose=mine');
    const page = await c.get('/experiments/samdev');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Pat Producer');
    expect(page.body).toMatch(/<option value="production" selected>/);
  });

  it('refuses a form post without the CSRF token', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('producer');
    const r = await c.post('/session/role', { role: 'analysis' }, { csrf: false });
    expect(r.status).toBe(403);
    expect(r.body).toContain('the form has expired or did not come from this site');
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('lets a member switch down to a lower role and back, but never above their own', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('shifter');
    expect(
      (await c.post('/session/role', { role: 'analysis' }, { referer: '/experiments/samdev' })).status,
    ).toBe(303);
    expect((await c.get('/experiments/samdev')).body).toMatch(/<option value="analysis" selected>/);
    const claim = await c.post('/session/role', { role: 'superuser' }, { referer: '/experiments/samdev' });
    expect(claim.status).toBe(303); // back to the form with the reason shown
    const page = await c.get('/experiments/samdev');
    expect(page.body).toContain('shifter may not act as superuser in samdev');
    const switcher = page.body.match(/<select id="switch-role"[\s\S]*?<\/select>/)![0];
    expect(switcher).toContain('<option value="production-shifter"');
    expect(switcher).not.toContain('<option value="superuser"');
    const me = await api(app.url, 'GET', '/api/v1/me', { user: 'shifter' });
    expect(me.json.role).toBe('analysis');
  });

  it('refuses switching to an experiment the user is not a member of', async () => {
    const r = await api(app.url, 'POST', '/api/v1/session', {
      user: 'analyst',
      body: { experiment: 'dune' },
    });
    expect(r.status).toBe(403);
    expect(r.json.error).toEqual({
      code: 'forbidden',
      message: 'analyst is not a member of dune',
      details: [],
    });
  });

  it('answers the API with 401 without credentials and 403 for unknown users', async () => {
    expect((await api(app.url, 'GET', '/api/v1/me')).status).toBe(401);
    const unknown = await api(app.url, 'GET', '/api/v1/me', { user: 'mallory' });
    expect(unknown.status).toBe(403);
    expect(unknown.json.error.message).toBe('unknown user mallory');
  });

  it('shows a 404 page that leaks nothing', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('analyst');
    const r = await c.get('/no/such/page');
    expect(r.status).toBe(404);
    expect(r.body).toContain('nothing at /no/such/page');
    const j = await api(app.url, 'GET', '/api/v1/nothing', { user: 'analyst' });
    expect(j.json).toEqual({
      error: { code: 'not_found', message: 'nothing at /api/v1/nothing', details: [] },
    });
  });

  it('rejects malformed JSON with a 400, not a 500', async () => {
    const r = await fetch(`${app.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'x-remote-user': 'analyst', 'content-type': 'application/json' },
      body: '{"experiment":',
    });
    expect(r.status).toBe(400);
    expect((await r.json()).error.code).toBe('invalid_input');
  });

  it('reports health of the database', async () => {
    const r = await api(app.url, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
    expect(r.json.checks.database.ok).toBe(true);
  });

  it('serves Fomantic, jQuery and vis-network from node_modules', async () => {
    for (const p of [
      '/vendor/fomantic/semantic.min.css',
      '/vendor/jquery/jquery.min.js',
      '/vendor/vis-network/vis-network.min.js',
    ])
      expect((await fetch(app.url + p)).status).toBe(200);
  });
});

describe('identity from the sign-on proxy header (header mode)', () => {
  let app: TestApp;
  afterAll(async () => app?.close());

  it('accepts the configured header from a trusted proxy only', async () => {
    app = await startTestApp({
      auth: { mode: 'header', header_name: 'X-Shib-Userid', trusted_proxies: '127.0.0.1' },
      server: { session_secret: 'a-long-test-secret-for-header-mode-0123' },
    });
    const ok = await api(app.url, 'GET', '/api/v1/me', { headers: { 'x-shib-userid': 'producer' } });
    expect(ok.status).toBe(200);
    expect(ok.json.username).toBe('producer');
    const missing = await api(app.url, 'GET', '/api/v1/me');
    expect(missing.status).toBe(401);
    // The development header means nothing in header mode.
    const dev = await api(app.url, 'GET', '/api/v1/me', { user: 'admin' });
    expect(dev.status).toBe(401);
    expect(
      (await fetch(`${app.url}/sign-in`, { redirect: 'manual', headers: { 'x-shib-userid': 'producer' } }))
        .status,
    ).toBe(303);
    await app.close();

    app = await startTestApp({
      auth: { mode: 'header', header_name: 'X-Shib-Userid', trusted_proxies: '10.1.2.3' },
      server: { session_secret: 'a-long-test-secret-for-header-mode-0123' },
    });
    const untrusted = await api(app.url, 'GET', '/api/v1/me', { headers: { 'x-shib-userid': 'admin' } });
    expect(untrusted.status).toBe(403);
    expect(untrusted.json.error.message).toBe('requests from 127.0.0.1 are not accepted');
  });
});
