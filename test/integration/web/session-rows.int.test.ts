import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

/** SQL statements sent while `fn` runs. */
async function statements(app: TestApp, fn: () => Promise<unknown>): Promise<string[]> {
  const sql: string[] = [];
  const on = (q: { sql: string }) => sql.push(q.sql);
  app.testDb.db.on('query', on);
  try {
    await fn();
  } finally {
    app.testDb.db.off('query', on);
  }
  return sql;
}

const sessionRows = async (app: TestApp) =>
  Number((await app.testDb.db('sessions').count({ n: '*' }).first())?.n);

// A request without a cookie stores nothing (scripts, probes and JSON twins would otherwise leave a
// row each), a signed-in request reads its session once and writes it back only when something
// changed, and the user and their memberships are one statement.
describe('sessions and the user cost what they must', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('JSON calls without a cookie store no session and set no cookie', async () => {
    const before = await sessionRows(app);
    const asScript = await api(app.url, 'GET', '/api/v1/experiments/samdev/campaigns', { user: 'producer' });
    expect(asScript.status).toBe(200);
    const anonymous = await fetch(`${app.url}/api/v1/me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('set-cookie')).toBeNull();
    const missing = await fetch(`${app.url}/api/v1/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await sessionRows(app)).toBe(before);
  });

  it('API-token calls and anonymous page requests store no session either', async () => {
    const made = await api(app.url, 'POST', '/api/v1/tokens', {
      user: 'producer',
      body: { name: 'script', max_role: 'production' },
    });
    expect(made.status).toBe(201);
    const bearer = { authorization: `Bearer ${made.json.token}` };
    const before = await sessionRows(app);
    for (const path of ['/api/v1/experiments/samdev/shifter', '/api/v1/experiments/samdev/campaigns']) {
      const r = await api(app.url, 'GET', path, { headers: bearer });
      expect(r.status, path).toBe(200);
      expect(r.headers.get('set-cookie'), path).toBeNull();
    }
    const compat = await fetch(`${app.url}/poms/campaign_list_json?experiment=samdev`, { headers: bearer });
    expect(compat.status).toBe(200);
    // (The sign-in form starts a session: it carries the CSRF token its post needs.)
    const pages = ['/', '/experiments/samdev', '/experiments/samdev/shifter', '/api/docs', '/no-such-page'];
    for (const path of pages) {
      const r = await fetch(app.url + path, { redirect: 'manual' });
      expect(r.status, path).toBeLessThan(500);
      expect(r.headers.get('set-cookie'), path).toBeNull();
    }
    expect(await sessionRows(app)).toBe(before);
  });

  it('an API-token call loads the token, then the user with memberships once', async () => {
    const made = await api(app.url, 'POST', '/api/v1/tokens', {
      user: 'shifter',
      body: { name: 'once', max_role: 'analysis' },
    });
    expect(made.status).toBe(201);
    const sql = await statements(app, () =>
      api(app.url, 'GET', '/api/v1/experiments/samdev/shifter', {
        headers: { authorization: `Bearer ${made.json.token}` },
      }),
    );
    expect(sql.filter((s) => /api_tokens/.test(s) && /^select/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /json_object_agg\(m.experiment, m.role\)/.test(s))).toHaveLength(1);
    expect(sql.some((s) => /sessions/.test(s))).toBe(false);
  });

  it('loads the user and memberships in one statement, and checks no experiment they belong to', async () => {
    const sql = await statements(app, () =>
      api(app.url, 'GET', '/api/v1/experiments/samdev/campaigns', { user: 'producer' }),
    );
    expect(sql.filter((s) => /memberships/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /from "?experimenters"?/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /from "experiments" where/.test(s))).toHaveLength(0);
    expect(sql.some((s) => /sessions/.test(s))).toBe(false);
  });

  it('signing in, the flash after it and CSRF-protected forms still work', async () => {
    const c = new BrowserLikeClient(app.url);
    const before = await sessionRows(app);
    await c.signIn('producer');
    expect(await sessionRows(app)).toBeGreaterThan(before);
    const page = await c.get('/experiments/samdev');
    expect(page.status).toBe(200);
    expect(c.csrf).not.toBe('');
    expect(
      (await c.post('/session/role', { role: 'analysis' }, { referer: '/experiments/samdev' })).status,
    ).toBe(303);
    expect((await c.get('/experiments/samdev')).body).toContain('Now acting as analysis in samdev');
    expect((await c.post('/session/role', { role: 'production' }, { csrf: false })).status).toBe(403);
  });

  it('a signed-in page reads its session once and does not rewrite it on every request', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('shifter');
    await c.get('/experiments/samdev');
    const sql = await statements(app, () => c.get('/experiments/samdev'));
    expect(sql.filter((s) => /sessions/.test(s))).toEqual([expect.stringMatching(/^select/)]);
    expect(sql.filter((s) => /json_object_agg\(m.experiment, m.role\)/.test(s))).toHaveLength(1);
  });
});
