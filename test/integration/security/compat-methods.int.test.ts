import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { COMPAT_CALLS } from '../../../src/web/routes/compat/compat-routes.js';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';
import { pomsCall } from '../api/poms-client-call.js';

// Issue 12 finding 3: a link (GET) or another site's form never changes state through the
// poms_client routes; the session cookie alone is never enough.
const mutating = Object.entries(COMPAT_CALLS)
  .filter(([, m]) => m.mutating === true)
  .map(([name]) => name);
const readOnly = Object.entries(COMPAT_CALLS)
  .filter(([, m]) => m.mutating === false)
  .map(([name]) => name);

describe('poms_client calls: no state change by GET or by a cookie alone', () => {
  let h: ApiHarness;
  let demoId: number;
  const counts = async () => {
    const db = h.testDb.db;
    const n = async (t: string) => Number((await db(t).count({ n: '*' }).first())!.n);
    return {
      login_setups: await n('login_setups'),
      campaigns: await n('campaigns'),
      submissions: await n('submissions'),
      tags: await n('campaign_tags'),
    };
  };
  beforeAll(async () => {
    h = await startApiHarness({ overrides: { auth: { dev_default_user: 'producer' } } });
    await seedDemoCampaigns(h.testDb.db);
    demoId = (await h.testDb.db('campaigns').where({ name: 'demo' }).first()).campaign_id;
  });
  afterAll(async () => h?.close());

  it('declares every method as reading or changing state, and the state-changing ones exist', () => {
    expect(mutating).toEqual(
      expect.arrayContaining(['login_setup_edit', 'launch_jobs', 'link_tags', 'update_submission']),
    );
    expect(readOnly).toEqual(expect.arrayContaining(['get_campaign_id', 'submission_details']));
  });

  it.each(mutating)(
    'GET %s from a signed-in browser answers 405 with Allow: POST and changes nothing',
    async (name) => {
      const b = new BrowserLikeClient(h.url);
      await b.signIn('producer');
      const before = await counts();
      const q = new URLSearchParams({
        experiment: 'samdev',
        action: 'add',
        ae_launch_name: `evil_${name}`,
        ae_launch_host: 'localhost',
        ae_launch_account: 'samdevpro',
        ae_launch_setup: 'touch /tmp/pwned',
        campaign_id: String(demoId),
        campaign_stage_id: '1',
        tag_name: 'evil',
      });
      const r = await b.get(`/poms/${name}?${q}`);
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe('POST');
      expect(r.body).toContain(`${name} changes state: send it as POST`);
      expect(await counts()).toEqual(before);
    },
  );

  it('GET show_campaigns?action=delete and kill_jobs&confirm are refused; without them they read by GET', async () => {
    const r = await fetch(
      `${h.url}/poms/show_campaigns?experiment=samdev&action=delete&del_campaign_name=demo`,
    );
    expect(r.status).toBe(405);
    expect(await h.testDb.db('campaigns').where({ campaign_id: demoId }).first()).toBeTruthy();
    const list = await fetch(`${h.url}/poms/show_campaigns?experiment=samdev&fmt=json`);
    expect(list.status).toBe(200);
    const kill = await fetch(`${h.url}/poms/kill_jobs?experiment=samdev&campaign_id=${demoId}&confirm=y`);
    expect(kill.status).toBe(405);
    const preview = await fetch(`${h.url}/poms/kill_jobs?experiment=samdev&campaign_id=${demoId}`);
    expect(preview.status).not.toBe(405); // a preview (here 503: no jobsub configured)
  });

  it.each(['get_campaign_id', 'campaign_list_json'])('read-only %s still answers GET', async (name) => {
    const r = await fetch(`${h.url}/poms/${name}?experiment=samdev&campaign_name=demo`);
    expect(r.status).toBe(200);
  });

  it('answers other methods with 405 and the methods allowed', async () => {
    const r = await fetch(`${h.url}/poms/link_tags`, { method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
    const ro = await fetch(`${h.url}/poms/get_campaign_id`, { method: 'PUT' });
    expect(ro.headers.get('allow')).toBe('GET, POST');
  });

  it('another site cannot POST as the dev default user; a script (no Origin) can', async () => {
    const fields = { experiment: 'samdev', campaign_id: String(demoId), tag_name: 'viaform' };
    const forged = await pomsCall(h.url, 'link_tags', fields, {
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(forged.status).toBe(403);
    expect(await h.testDb.db('tags').where({ name: 'viaform' }).first()).toBeUndefined();
    const script = await pomsCall(h.url, 'link_tags', fields);
    expect(script.status).toBe(200);
  });

  it('a signed-in browser POST needs the CSRF token; with it the call runs', async () => {
    const b = new BrowserLikeClient(h.url);
    await b.signIn('producer');
    const form = { experiment: 'samdev', campaign_id: String(demoId), tag_name: 'withcsrf' };
    expect((await b.post('/poms/link_tags', form, { csrf: false })).status).toBe(403);
    expect((await b.post('/poms/link_tags', form)).status).toBe(200);
  });
});

describe('poms_client calls in header mode: the SSO header from another site needs the CSRF token', () => {
  let h: ApiHarness;
  let demoId: number;
  beforeAll(async () => {
    h = await startApiHarness({
      overrides: {
        auth: { mode: 'header', trusted_proxies: '127.0.0.1' },
        server: { session_secret: 'a-test-secret-long-enough-for-header-mode' },
      },
    });
    await seedDemoCampaigns(h.testDb.db);
    demoId = (await h.testDb.db('campaigns').where({ name: 'demo' }).first()).campaign_id;
  });
  afterAll(async () => h?.close());

  it('refuses a cross-site POST carrying only the proxy header; a script through the proxy passes', async () => {
    const fields = { experiment: 'samdev', campaign_id: String(demoId), tag_name: 'sso' };
    const forged = await pomsCall(h.url, 'link_tags', fields, {
      headers: { 'x-remote-user': 'producer', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(forged.status).toBe(403);
    expect(forged.text).toMatch(/did not come from this site/);
    const script = await pomsCall(h.url, 'link_tags', fields, { headers: { 'x-remote-user': 'producer' } });
    expect(script.status).toBe(200);
  });
});
