import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// Who a poms_client call acts as: a token (with its limits), the SSO header, or in dev mode the
// configured default user; the experiment and role of the call; errors as the client shows them.
describe('poms_client calls: identity', () => {
  let h: ApiHarness;
  let demoId: number;
  beforeAll(async () => {
    h = await startApiHarness();
    await seedDemoCampaigns(h.testDb.db);
    demoId = (await h.testDb.db('campaigns').where({ name: 'demo' }).first()).campaign_id;
    await api(h.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'otherexp', name: 'Other' },
    });
  });
  afterAll(async () => h?.close());

  it('refuses a call without identity (dev mode, no default user) with a plain message', async () => {
    const r = await pomsCall(h.url, 'get_campaign_id', { experiment: 'samdev', campaign_name: 'demo' });
    expect(r.status).toBe(401);
    expect(r.text).toMatch(/^no identity: send an API token/);
  });

  it('takes experiment and role from the path, and answers errors as JSON when fmt=json', async () => {
    const token = await h.token('producer');
    const r = await fetch(`${h.url}/poms/get_campaign_name/samdev/production?campaign_id=${demoId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await r.text()).toBe('demo');
    const bad = await pomsCall(
      h.url,
      'submission_details',
      { experiment: 'samdev', submission_id: 'abc', fmt: 'json' },
      { token },
    );
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', details: [{ field: 'submission_id' }] });
  });

  it("keeps a token's limits: its experiment, and its role as the most the call may ask", async () => {
    const token = await h.token('producer', { max_role: 'analysis' });
    const elsewhere = await pomsCall(
      h.url,
      'show_campaigns',
      { experiment: 'otherexp', fmt: 'json' },
      { token },
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.text).toContain('limited to experiment samdev');
    const tag = await pomsCall(
      h.url,
      'link_tags',
      { experiment: 'samdev', role: 'production', campaign_id: String(demoId), tag_name: 't' },
      { token },
    );
    expect(tag.status).toBe(403);
    const revoked = await h.token('producer', { name: 'gone' });
    const row = await h.testDb.db('api_tokens').where({ name: 'gone' }).first();
    await api(h.url, 'DELETE', `/api/v1/tokens/${row.token_id}`, { user: 'producer' });
    const r = await pomsCall(
      h.url,
      'get_campaign_id',
      { experiment: 'samdev', campaign_name: 'demo' },
      { token: revoked },
    );
    expect(r.status).toBe(401);
    expect(r.text).toMatch(/"gone" .* was revoked on/);
  });

  it('refuses an experiment the user is not a member of, and lowers a role above the membership', async () => {
    const token = await h.token('analyst', { experiment: 'all', max_role: 'analysis' });
    const other = await pomsCall(h.url, 'campaign_list_json', { experiment: 'otherexp' }, { token });
    expect(other.status).toBe(403);
    expect(other.text).toMatch(/analyst is not a member of otherexp/);
    const tag = await pomsCall(
      h.url,
      'link_tags',
      { experiment: 'samdev', role: 'superuser', campaign_id: String(demoId), tag_name: 't' },
      { token },
    );
    expect(tag.status).toBe(403);
  });

  it('checks CSRF on a cookie-authenticated POST, not on a token', async () => {
    const b = new BrowserLikeClient(h.url);
    await b.signIn('producer');
    const r = await b.post(
      '/poms/link_tags',
      { experiment: 'samdev', campaign_id: String(demoId), tag_name: 't' },
      { csrf: false },
    );
    expect(r.status).toBe(403);
    const token = await h.token('producer');
    const ok = await pomsCall(
      h.url,
      'link_tags',
      { experiment: 'samdev', campaign_id: String(demoId), tag_name: 't' },
      { token },
    );
    expect(ok.status).toBe(200);
  });
});

describe('poms_client calls: dev default user and SSO header mode', () => {
  it('uses [auth] dev_default_user for calls that carry no identity (dev mode)', async () => {
    const h = await startApiHarness({ overrides: { auth: { dev_default_user: 'producer' } } });
    try {
      await seedDemoCampaigns(h.testDb.db);
      const r = await pomsCall(h.url, 'get_campaign_id', { experiment: 'samdev', campaign_name: 'demo' });
      expect(r.status).toBe(200);
      expect(Number(r.text)).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('takes the SSO header in header mode (from a trusted proxy), or a token without it', async () => {
    const h = await startApiHarness({
      overrides: {
        auth: { mode: 'header', trusted_proxies: '127.0.0.1' },
        server: { session_secret: 'a-long-test-secret-for-header-mode-0123' },
        compat: { prefix: '/poms' },
      },
    });
    try {
      await seedDemoCampaigns(h.testDb.db);
      const viaHeader = await pomsCall(
        h.url,
        'get_campaign_id',
        { experiment: 'samdev', campaign_name: 'demo' },
        { headers: { 'x-remote-user': 'producer' } },
      );
      expect(viaHeader.status).toBe(200);
      const none = await pomsCall(h.url, 'get_campaign_id', { experiment: 'samdev', campaign_name: 'demo' });
      expect(none.status).toBe(401);
      expect(none.text).toMatch(/no X-Remote-User header/);
      const token = await h.token('producer');
      const viaToken = await pomsCall(
        h.url,
        'get_campaign_id',
        { experiment: 'samdev', campaign_name: 'demo' },
        { token },
      );
      expect(viaToken.status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('mounts the calls under the configured prefix', async () => {
    const h = await startApiHarness({
      overrides: { compat: { prefix: '/legacy/poms' }, auth: { dev_default_user: 'producer' } },
    });
    try {
      await seedDemoCampaigns(h.testDb.db);
      const r = await fetch(`${h.url}/legacy/poms/get_campaign_id?experiment=samdev&campaign_name=demo`);
      expect(r.status).toBe(200);
      expect((await fetch(`${h.url}/poms/get_campaign_id?experiment=samdev&campaign_name=demo`)).status).toBe(
        404,
      );
    } finally {
      await h.close();
    }
  });
});
