import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';
import { setRegistry } from './registry-fixture.js';

// Issue 20: root sees the registry sync's last runs and the changes of one of them, on a page and
// its JSON twin, paginated; nobody else does.
describe('the registry sync page', () => {
  let h: ApiHarness;
  let first: number;
  let second: number;
  const json = async (query = '', user = 'admin') => {
    const r = await api(h.url, 'GET', `/api/v1/admin/registry${query}`, { user });
    expect(r.status).toBe(200);
    return r.json;
  };

  beforeAll(async () => {
    h = await startApiHarness({ sim: true, overrides: { registry: { mode: 'sim' } } });
    await setRegistry(h.sim!.url, {
      analyst: ['Ana Analyst', { samdev: 'production' }],
      newbie1: ['New One', { samdev: 'analysis' }],
      newbie2: ['New Two', { samdev: 'analysis' }],
      newbie3: ['New Three', { samdev: 'production' }],
    });
    first = (await h.services.registry!.run('admin')).syncId;
    second = (await h.services.registry!.run('loop')).syncId; // nothing left to change
  });
  afterAll(async () => h?.close());

  it('lists the runs newest first and the changes of the newest run', async () => {
    const v = await json();
    expect(v.enabled).toBe(true);
    expect(v.runs.items.map((s: { sync_id: number }) => s.sync_id)).toEqual([second, first]);
    expect(v.runs.items[0]).toMatchObject({ trigger: 'loop', ok: true, changes: 0 });
    expect(v.runs.items[1]).toMatchObject({ trigger: 'admin', ok: true, changes: 7 });
    expect(v.runs.items[1].summary).toBe('1 experiment(s): 4 membership change(s), 3 user(s) created');
    expect(v.sync.sync_id).toBe(second);
    expect(v.changes).toMatchObject({ total: 0, items: [] });
  });

  it("pages through a chosen run's changes", async () => {
    const p1 = await json(`?sync=${first}&page_size=3`);
    expect(p1.sync.sync_id).toBe(first);
    expect(p1.changes).toMatchObject({ page: 1, pages: 3, total: 7 });
    expect(p1.changes.items[0]).toMatchObject({
      username: 'analyst',
      experiment: 'samdev',
      action: 'role-changed',
      old_role: 'analysis',
      new_role: 'production',
    });
    const p3 = await json(`?sync=${first}&page_size=3&page=3`);
    expect(p3.changes.items).toEqual([
      expect.objectContaining({ username: 'newbie3', action: 'membership-added', new_role: 'production' }),
    ]);
    const missing = await api(h.url, 'GET', '/api/v1/admin/registry?sync=999999', { user: 'admin' });
    expect(missing.status).toBe(404);
  });

  it('shows the same on the page, with links to the other pages of changes', async () => {
    const root = new BrowserLikeClient(h.url);
    await root.signIn('admin');
    const page = await root.get(`/admin/registry?sync=${first}&page_size=3`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="registry-runs"');
    expect(page.body).toContain(`Changes of run #${first}`);
    expect(page.body).toMatch(
      /<td>analyst<\/td>\s*<td>samdev<\/td>\s*<td>role-changed<\/td>\s*<td>analysis<\/td>\s*<td>production<\/td>/,
    );
    expect(page.body).toContain('Page 1 of 3 (7)');
    expect(page.body).toContain(`href="/admin/registry?sync=${first}&amp;page_size=3&amp;page=2"`);
    expect(page.body).not.toContain('id="registry-off"');
    const last = await root.get(`/admin/registry?sync=${first}&page_size=3&page=3`);
    expect(last.body).toContain('<td>newbie3</td>');
    expect(last.body).not.toContain('<td>analyst</td>');
  });

  it('is refused to anyone but root', async () => {
    expect((await api(h.url, 'GET', '/api/v1/admin/registry', { user: 'producer' })).status).toBe(403);
    const producer = new BrowserLikeClient(h.url);
    await producer.signIn('producer');
    expect((await producer.get('/admin/registry')).status).toBe(403);
  });
});

describe('the registry sync page without a registry', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => h?.close());

  it('says the registry is off', async () => {
    const r = await api(h.url, 'GET', '/api/v1/admin/registry', { user: 'admin' });
    expect(r.json).toMatchObject({ enabled: false, runs: { total: 0 }, sync: null, changes: null });
    const root = new BrowserLikeClient(h.url);
    await root.signIn('admin');
    const page = await root.get('/admin/registry');
    expect(page.body).toContain('id="registry-off"');
    expect(page.body).toContain('No registry sync has run yet.');
  });
});
