import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';

// A first sign-in through the sign-on proxy of someone the registry knows creates them on the
// spot, with the memberships the registry gives them (issue 20); anyone else stays unknown.
describe('first sign-in of a user the registry knows', () => {
  let h: ApiHarness;
  const me = (user: string) =>
    fetch(`${h.url}/api/v1/me`, { headers: { 'x-shib-userid': user } }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as any,
    }));

  beforeAll(async () => {
    h = await startApiHarness({
      sim: true,
      overrides: {
        registry: { mode: 'sim' },
        auth: { mode: 'header', header_name: 'X-Shib-Userid', trusted_proxies: '127.0.0.1' },
        server: { session_secret: 'a-long-test-secret-for-header-mode-0123' },
      },
    });
    const r = await fetch(`${h.sim!.url}/sim/admin/registry`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        users: [
          {
            username: 'newcomer',
            full_name: 'Nia Newcomer',
            memberships: { samdev: 'production', dune: 'analysis' },
          },
          { username: 'leaver', full_name: 'Lee Leaver', active: false, memberships: { samdev: 'analysis' } },
        ],
      }),
    });
    expect(r.status).toBe(200);
  });
  afterAll(async () => h?.close());

  it('creates them with their registry memberships in experiments POMS has', async () => {
    const r = await me('newcomer');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      username: 'newcomer',
      display_name: 'Nia Newcomer',
      memberships: { samdev: 'production' },
      experiment: 'samdev',
      signed_in_via: 'header',
      membership_sources: { samdev: 'registry' },
    });
    const page = await fetch(`${h.url}/profile`, { headers: { 'x-shib-userid': 'newcomer' } });
    const html = await page.text();
    expect(html).toMatch(/Signed in via <strong>the site&#39;s sign-on proxy<\/strong>/);
    expect(html).toMatch(/<td data-label="Role">production<\/td><td data-label="Source">registry<\/td>/);
    const changes = await h.testDb
      .db('registry_changes')
      .where({ username: 'newcomer' })
      .orderBy('change_id')
      .select('action', 'experiment', 'new_role', 'via', 'sync_id');
    expect(changes).toEqual([
      { action: 'user-created', experiment: null, new_role: null, via: 'sign-in', sync_id: null },
      {
        action: 'membership-added',
        experiment: 'samdev',
        new_role: 'production',
        via: 'sign-in',
        sync_id: null,
      },
    ]);
    expect((await me('newcomer')).status).toBe(200);
  });

  it('someone the registry does not know, or knows as inactive, is refused', async () => {
    expect((await me('stranger')).status).toBe(403);
    expect((await me('leaver')).status).toBe(403);
    expect(await h.testDb.db('experimenters').whereIn('username', ['stranger', 'leaver'])).toEqual([]);
  });
});
