import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('experiments and members', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('lists experiments with the caller’s role, page and JSON twin alike', async () => {
    const json = await api(app.url, 'GET', '/api/v1/experiments', { user: 'analyst' });
    expect(json.status).toBe(200);
    expect(json.json).toMatchObject({
      page: 1,
      total: 1,
      items: [{ experiment: 'samdev', members: 5, my_role: 'analysis' }],
    });
    const c = new BrowserLikeClient(app.url);
    await c.signIn('analyst');
    const page = await c.get('/experiments');
    expect(page.body).toContain('href="/experiments/samdev"');
    expect(page.body).not.toContain('new-experiment-form');
  });

  it('shows members to everyone, management forms only to superusers', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('producer');
    const page = await c.get('/experiments/samdev');
    expect(page.body).toContain('members-table');
    expect(page.body).not.toContain('add-member-form');
    const s = new BrowserLikeClient(app.url);
    await s.signIn('superuser');
    expect((await s.get('/experiments/samdev')).body).toContain('add-member-form');
  });

  it('lets a superuser add a member, change the role and remove them, all audited', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('superuser');
    const add = await c.post(
      '/experiments/samdev/members',
      { username: 'newbie', role: 'analysis', email: '' },
      { referer: '/experiments/samdev' },
    );
    expect(add.status).toBe(303);
    expect((await c.get('/experiments/samdev?search=newb')).body).toMatch(/newbie[\s\S]*analysis/);
    await c.post('/experiments/samdev/members', { username: 'newbie', role: 'production' });
    const members = await api(app.url, 'GET', '/api/v1/experiments/samdev/members?role=production', {
      user: 'analyst',
    });
    expect(members.json.items.map((m: { username: string }) => m.username).sort()).toEqual([
      'newbie',
      'producer',
    ]);
    const rm = await c.post('/experiments/samdev/members/newbie/remove', {});
    expect(rm.status).toBe(303);
    const audit = await app.testDb
      .db('audit_log')
      .where({ experiment: 'samdev' })
      .orderBy('audit_id')
      .pluck('action');
    expect(audit).toEqual(['member.add', 'member.role', 'member.remove']);
  });

  it('refuses member management to non-superusers with the reason', async () => {
    const r = await api(app.url, 'PUT', '/api/v1/experiments/samdev/members/analyst', {
      user: 'producer',
      body: { role: 'superuser' },
    });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toBe('managing samdev needs the superuser role');
    const shifter = await api(app.url, 'PUT', '/api/v1/experiments/samdev/members/shifter', {
      user: 'shifter',
      body: { role: 'superuser' },
    });
    expect(shifter.status).toBe(403);
    expect(
      (
        await app.testDb
          .db('memberships')
          .join('experimenters', 'experimenters.experimenter_id', 'memberships.experimenter_id')
          .where({ username: 'shifter' })
          .first()
      ).role,
    ).toBe('production-shifter');
  });

  it('validates member input naming the field', async () => {
    const r = await api(app.url, 'PUT', '/api/v1/experiments/samdev/members/bad%20name', {
      user: 'superuser',
      body: { role: 'boss' },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { field: string }) => d.field)).toEqual(['role']);
  });

  it('each experiment has a data service: sam by default, metacat when chosen, anything else refused', async () => {
    const bad = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'icarus', name: 'ICARUS', data_service: 'rucio' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { field: string }) => d.field)).toEqual(['data_service']);
    const made = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'icarus', name: 'ICARUS', data_service: 'metacat' },
    });
    expect(made.status).toBe(201);
    const c = new BrowserLikeClient(app.url);
    await c.signIn('admin');
    expect((await c.get('/experiments/icarus')).body).toMatch(/Data service: <strong>metacat</);
    expect((await c.get('/experiments/samdev')).body).toMatch(/Data service: <strong>sam</);
  });

  it('lets only root create experiments; then root manages members there', async () => {
    const denied = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'superuser',
      body: { experiment: 'lbne', name: 'LBNE' },
    });
    expect(denied.status).toBe(403);
    const created = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'LBNE', name: 'LBNE' },
    });
    expect(created.status).toBe(201);
    expect(created.json.experiment).toBe('lbne');
    const dup = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'lbne', name: 'Again' },
    });
    expect(dup.status).toBe(409);
    const m = await api(app.url, 'PUT', '/api/v1/experiments/lbne/members/producer', {
      user: 'admin',
      body: { role: 'production' },
    });
    expect(m.status).toBe(200);
    const sw = await api(app.url, 'POST', '/api/v1/session', {
      user: 'producer',
      body: { experiment: 'lbne' },
    });
    expect(sw.json).toEqual({ experiment: 'lbne', role: 'production' });
  });

  it('paginates members server-side', async () => {
    for (let i = 0; i < 12; i++)
      await api(app.url, 'PUT', `/api/v1/experiments/samdev/members/bulk${String(i).padStart(2, '0')}`, {
        user: 'admin',
        body: { role: 'analysis' },
      });
    const p2 = await api(
      app.url,
      'GET',
      '/api/v1/experiments/samdev/members?page=2&page_size=5&search=bulk',
      { user: 'analyst' },
    );
    expect(p2.json).toMatchObject({ page: 2, pageSize: 5, total: 12, pages: 3 });
    expect(p2.json.items.map((m: { username: string }) => m.username)).toEqual([
      'bulk05',
      'bulk06',
      'bulk07',
      'bulk08',
      'bulk09',
    ]);
  });
});
