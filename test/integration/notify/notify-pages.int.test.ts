import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// "Notify me" on the campaign page, the campaign's notifications-and-stalls page, the profile's
// subscriptions: POST with a CSRF token and redirect, each with a JSON twin; bad input is a 400.
describe('notification pages', () => {
  let t: TestApp;
  let cid: number;
  let sid: number;
  const P = '/api/v1/experiments/samdev';
  beforeAll(async () => {
    t = await startTestApp({ notify: { smtp_url: 'smtp://127.0.0.1:9' } });
    const m = await makeStage(t.testDb.db, { campaign: 'notified', stage: 'gen' });
    [cid, sid] = [m.campaign.campaign_id, m.stage.stage_id];
  });
  afterAll(() => t?.close());

  it('Notify me subscribes with a CSRF-checked POST and shows the state on the campaign page', async () => {
    const web = new BrowserLikeClient(t.url);
    await web.signIn('producer');
    const page = await web.get(`/experiments/samdev/campaigns/${cid}`);
    expect(page.body).toContain('id="notify-me-button" aria-pressed="false"');
    expect((await web.post(`/experiments/samdev/campaigns/${cid}/notify`, {}, { csrf: false })).status).toBe(
      403,
    );
    const r = await web.post(`/experiments/samdev/campaigns/${cid}/notify`, {});
    expect(r.status).toBe(303);
    expect((await web.get(`/experiments/samdev/campaigns/${cid}`)).body).toContain('aria-pressed="true"');
    const json = await api(t.url, 'GET', `${P}/campaigns/${cid}/notifications`, { user: 'producer' });
    expect(json.json.campaign).toMatchObject({ campaign_id: cid, email: true, webhook: false });
    expect(json.json.campaign.kinds).toHaveLength(10);

    const one = await web.post(`/experiments/samdev/campaigns/${cid}/notify`, {
      kinds: 'campaign.stalled',
      email: 'true',
      digest: 'true',
      back: 'page',
    });
    expect(one.location).toBe(`/experiments/samdev/campaigns/${cid}/notifications`);
    const notif = await web.get(`/experiments/samdev/campaigns/${cid}/notifications`);
    expect(notif.status).toBe(200);
    expect(notif.body).toContain('You are notified about this campaign.');
    const mine = await api(t.url, 'GET', '/api/v1/notifications', { user: 'producer' });
    expect(mine.json.subscriptions).toEqual([
      expect.objectContaining({ campaign_id: cid, kinds: ['campaign.stalled'], digest: true }),
    ]);
    await web.post(`/experiments/samdev/campaigns/${cid}/notify`, { notify: 'off' });
    expect(
      (await api(t.url, 'GET', '/api/v1/notifications', { user: 'producer' })).json.subscriptions,
    ).toEqual([]);
  });

  it('stall thresholds per campaign and stage, from the form and the API; bad values name the field', async () => {
    const web = new BrowserLikeClient(t.url);
    await web.signIn('producer');
    await web.get(`/experiments/samdev/campaigns/${cid}/notifications`);
    const r = await web.post(`/experiments/samdev/campaigns/${cid}/stall-hours`, {
      stall_hours: '12',
      [`stage_${sid}`]: '3',
    });
    expect(r.status).toBe(303);
    const v = (await api(t.url, 'GET', `${P}/campaigns/${cid}/notifications`, { user: 'producer' })).json;
    expect(v.stalls).toMatchObject({
      stall_hours: 12,
      effective_hours: 12,
      stages: [{ stage_id: sid, stall_hours: 3 }],
    });
    const bad = await api(t.url, 'PUT', `${P}/campaigns/${cid}/stall-hours`, {
      user: 'producer',
      body: { stall_hours: 0 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('stall_hours');
    const foreign = await api(t.url, 'PUT', `${P}/campaigns/${cid}/stall-hours`, {
      user: 'producer',
      body: { stall_hours: null, stages: { '99999': 2 } },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.message).toMatch(/Stage 99999 is not in campaign notified/);
    const inherit = await api(t.url, 'PUT', `${P}/campaigns/${cid}/stall-hours`, {
      user: 'producer',
      body: { stall_hours: null, stages: { [sid]: null } },
    });
    expect(inherit.json).toMatchObject({ stall_hours: null, effective_hours: 6 });
    expect(
      (
        await api(t.url, 'PUT', `${P}/campaigns/${cid}/stall-hours`, {
          user: 'analyst',
          body: { stall_hours: 2 },
        })
      ).status,
    ).toBe(403);
  });

  it("the experiment's default stall threshold: a superuser's form, inherited by campaigns that set none", async () => {
    const fresh = await makeStage(t.testDb.db, { campaign: 'inherits_stall', stage: 'gen' });
    const web = new BrowserLikeClient(t.url);
    await web.signIn('superuser');
    const before = await web.get('/experiments/samdev');
    expect(before.body).toContain(
      'Campaigns stall after <strong>6 h</strong> without a located file (the site',
    );
    expect(before.body).toContain('action="/experiments/samdev/stall-hours"');
    expect(
      (await web.post('/experiments/samdev/stall-hours', { stall_hours: '9' }, { csrf: false })).status,
    ).toBe(403);
    const r = await web.post('/experiments/samdev/stall-hours', { stall_hours: '9' });
    expect(r.status).toBe(303);
    expect(r.location).toBe('/experiments/samdev#stall-hours');
    const after = await web.get('/experiments/samdev');
    expect(after.body).toContain(
      "Campaigns stall after <strong>9 h</strong> without a located file (this experiment's setting)",
    );
    expect(after.body).toContain('value="9"');
    const view = await api(t.url, 'GET', `${P}/campaigns/${fresh.campaign.campaign_id}/notifications`, {
      user: 'producer',
    });
    expect(view.json.stalls).toMatchObject({ stall_hours: null, experiment_hours: 9, effective_hours: 9 });
    const bad = await web.post('/experiments/samdev/stall-hours', { stall_hours: '0' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('stall_hours');

    const producer = new BrowserLikeClient(t.url);
    await producer.signIn('producer');
    const own = await producer.get('/experiments/samdev');
    expect(own.body).toContain('Campaigns stall after <strong>9 h</strong>');
    expect(own.body).not.toContain('action="/experiments/samdev/stall-hours"');
    expect((await producer.post('/experiments/samdev/stall-hours', { stall_hours: '2' })).status).toBe(403);

    expect((await web.post('/experiments/samdev/stall-hours', { stall_hours: '' })).status).toBe(303);
    expect((await t.testDb.db('experiments').where({ experiment: 'samdev' }).first()).stall_hours).toBeNull();
  });

  it('the profile lists subscriptions and saves addresses; the API refuses a bad webhook URL', async () => {
    const web = new BrowserLikeClient(t.url);
    await web.signIn('shifter');
    await web.get('/profile');
    const saved = await web.post('/profile/notifications/settings', {
      email: '',
      webhook_url: 'https://chat.example.org/hooks/1',
    });
    expect(saved.status).toBe(303);
    const follow = await web.post('/profile/notifications', {
      experiment: 'samdev',
      kinds: 'submission.failed',
      email: 'true',
    });
    expect(follow.status).toBe(303);
    const page = await web.get('/profile');
    expect(page.body).toContain('id="subscriptions-table"');
    expect(page.body).toContain('value="https://chat.example.org/hooks/1"');
    const bad = await api(t.url, 'PUT', '/api/v1/notifications/settings', {
      user: 'shifter',
      body: { webhook_url: 'ftp://x' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('webhook_url');
    const badKind = await api(t.url, 'POST', '/api/v1/notifications/subscriptions', {
      user: 'shifter',
      body: { experiment: 'samdev', kinds: ['nope'] },
    });
    expect(badKind.status).toBe(400);
    expect(JSON.stringify(badKind.json)).toContain('kinds');
  });
});
