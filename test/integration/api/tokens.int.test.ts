import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, withToken, type ApiHarness } from './api-harness.js';

describe('API tokens', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ overrides: { api: { token_rate_per_s: '1', token_burst: '5' } } });
    // A second experiment, where producer is not a member.
    const made = await api(h.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'otherexp', name: 'Other experiment' },
    });
    expect(made.status).toBe(201);
  });
  afterAll(async () => h?.close());

  it('is shown once, stored as a sha256 with a prefix, listed without the secret, and audited', async () => {
    const r = await api(h.url, 'POST', '/api/v1/tokens', {
      user: 'producer',
      body: { name: 'nightly', experiment: 'samdev', max_role: 'production', expires_at: '2999-12-31' },
    });
    expect(r.status).toBe(201);
    expect(r.json.token).toMatch(/^poms_[A-Za-z0-9_-]{43}$/);
    expect(r.json).toMatchObject({
      name: 'nightly',
      experiment: 'samdev',
      max_role: 'production',
      state: 'active',
    });
    expect(r.json.token.startsWith(r.json.token_prefix)).toBe(true);
    const row = await h.testDb.db('api_tokens').where({ token_id: r.json.token_id }).first();
    expect(row.token_hash).toBe(crypto.createHash('sha256').update(r.json.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(r.json.token);
    const list = await api(h.url, 'GET', '/api/v1/tokens', { user: 'producer' });
    expect(list.json.items.map((t: { name: string }) => t.name)).toContain('nightly');
    expect(list.text).not.toContain(r.json.token);
    const audit = await h.testDb
      .db('audit_log')
      .where({ action: 'token.create', object_id: String(r.json.token_id) });
    expect(audit).toHaveLength(1);
  });

  it('acts as its user with min(max role, membership role), limited to its experiment', async () => {
    const token = await h.token('producer', { max_role: 'analysis' });
    const sessions = async () => Number((await h.testDb.db('sessions').count({ n: '*' }).first())!.n);
    const before = await sessions();
    const me = await withToken(h.url, token, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('set-cookie')).toBeNull();
    expect(await sessions()).toBe(before);
    expect(me.json).toMatchObject({
      username: 'producer',
      experiment: 'samdev',
      role: 'analysis',
      auth_via: 'token',
      memberships: { samdev: 'analysis' },
      token: { experiment: 'samdev', max_role: 'analysis' },
    });
    // Analysis may not edit the production-owned demo campaign… (none here: an experiment-wide hold needs superuser)
    const hold = await withToken(h.url, token, 'POST', '/api/v1/experiments/samdev/launch-hold', {
      held: true,
    });
    expect(hold.status).toBe(403);
    // …and nothing outside samdev, whatever the user's memberships.
    const root = await h.token('admin', { max_role: 'superuser' });
    const other = await withToken(h.url, root, 'GET', '/api/v1/experiments/otherexp');
    expect(other.status).toBe(403);
    expect(other.json.error.message).toBe('this API token is limited to experiment samdev');
    const mine = await withToken(h.url, root, 'GET', '/api/v1/experiments/samdev');
    expect(mine.status).toBe(200);
    const all = await h.token('admin', { experiment: 'all', max_role: 'superuser' });
    expect((await withToken(h.url, all, 'GET', '/api/v1/experiments/otherexp')).status).toBe(200);
  });

  it('refuses a maximum role above the membership, a past expiry, and tokens minting tokens', async () => {
    const high = await api(h.url, 'POST', '/api/v1/tokens', {
      user: 'analyst',
      body: { name: 'x', experiment: 'samdev', max_role: 'production' },
    });
    expect(high.status).toBe(400);
    expect(high.json.error.details[0]).toMatchObject({ field: 'max_role' });
    const past = await api(h.url, 'POST', '/api/v1/tokens', {
      user: 'producer',
      body: { name: 'x', experiment: 'samdev', max_role: 'analysis', expires_at: '2001-01-01' },
    });
    expect(past.status).toBe(400);
    const elsewhere = await api(h.url, 'POST', '/api/v1/tokens', {
      user: 'producer',
      body: { name: 'x', experiment: 'otherexp', max_role: 'analysis' },
    });
    expect(elsewhere.status).toBe(400);
    const token = await h.token('producer');
    const minted = await withToken(h.url, token, 'POST', '/api/v1/tokens', {
      name: 'y',
      max_role: 'analysis',
    });
    expect(minted.status).toBe(403);
  });

  it('answers 401 with a clear message for unknown, revoked and expired tokens, and records use', async () => {
    const unknown = await withToken(h.url, `poms_${'A'.repeat(43)}`, 'GET', '/api/v1/me');
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.message).toMatch(/not valid/);

    const token = await h.token('producer', { name: 'to-revoke' });
    expect((await withToken(h.url, token, 'GET', '/api/v1/me')).status).toBe(200);
    const row = await h.testDb.db('api_tokens').where({ name: 'to-revoke' }).first();
    expect(row.last_used_at).not.toBeNull();
    const revoked = await api(h.url, 'DELETE', `/api/v1/tokens/${row.token_id}`, { user: 'producer' });
    expect(revoked.json.state).toBe('revoked');
    const after = await withToken(h.url, token, 'GET', '/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.json.error.message).toMatch(
      /^the API token "to-revoke" \(poms_.{7}…\) was revoked on \d{4}-/,
    );
    expect(
      await h.testDb.db('audit_log').where({ action: 'token.revoke', object_id: String(row.token_id) }),
    ).toHaveLength(1);
    // Somebody else's token is not found.
    expect((await api(h.url, 'DELETE', `/api/v1/tokens/${row.token_id}`, { user: 'analyst' })).status).toBe(
      404,
    );

    const old = await h.token('producer', { name: 'to-expire' });
    await h.testDb
      .db('api_tokens')
      .where({ name: 'to-expire' })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await withToken(h.url, old, 'GET', '/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toMatch(/"to-expire" .* expired on/);
  });

  it('rate-limits each token: 429 with Retry-After once its burst is spent', async () => {
    const token = await h.token('shifter', { max_role: 'analysis' });
    const codes: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await withToken(h.url, token, 'GET', '/api/v1/me');
      codes.push(r.status);
      if (r.status === 429) retry = r.headers.get('retry-after');
    }
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(codes).toContain(429);
    expect(Number(retry)).toBeGreaterThanOrEqual(1);
    // Another token of the same user has its own bucket.
    expect(
      (await withToken(h.url, await h.token('shifter', { max_role: 'analysis' }), 'GET', '/api/v1/me'))
        .status,
    ).toBe(200);
  });

  it('needs no CSRF token with a bearer token, but a cookie session does', async () => {
    const b = new BrowserLikeClient(h.url);
    await b.signIn('producer');
    const noCsrf = await b.post('/profile/tokens', { name: 'x', max_role: 'analysis' }, { csrf: false });
    expect(noCsrf.status).toBe(403);
  });
});

describe('the profile page', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h?.close());

  it('shows memberships, creates a token shown once, and revokes it', async () => {
    const b = new BrowserLikeClient(h.url);
    await b.signIn('producer');
    const page = await b.get('/profile');
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="memberships-table"');
    expect(page.body).toMatch(/samdev<\/a><\/td><td data-label="Role">production/);
    const created = await b.post('/profile/tokens', {
      name: 'from the page',
      experiment: 'samdev',
      max_role: 'production-shifter',
      expires_at: '',
    });
    expect(created.status).toBe(200);
    const token = /id="new-token-value">(poms_[^<]+)</.exec(created.body)?.[1];
    expect(token).toBeDefined();
    const me = await withToken(h.url, token!, 'GET', '/api/v1/me');
    expect(me.json.role).toBe('production-shifter');
    const again = await b.get('/profile');
    expect(again.body).toContain('from the page');
    expect(again.body).not.toContain(token!);
    expect(again.body).not.toContain('name="_csrf" value=""');
    const id = /data-token-id="(\d+)"/.exec(again.body)![1];
    const revoked = await b.post(`/profile/tokens/${id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect((await withToken(h.url, token!, 'GET', '/api/v1/me')).status).toBe(401);
    const bad = await b.post('/profile/tokens', { name: '', max_role: 'superuser' }, { referer: '/profile' });
    expect(bad.status).toBe(303);
  });
});
