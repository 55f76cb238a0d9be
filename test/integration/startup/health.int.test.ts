import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startSimApp, type SimApp } from '../overview/overview-fixture.js';

// /health with the simulator's SAM and Lens behind the real clients: each adapter is checked, an
// outage turns the answer into 503 naming the failing part, and SAM is asked about an experiment
// this deployment actually serves.
describe('/health', () => {
  let h: SimApp;
  const health = async () => {
    const r = await fetch(`${h.url}/health`);
    return {
      status: r.status,
      body: (await r.json()) as { ok: boolean; checks: Record<string, { ok: boolean; detail?: string }> },
    };
  };
  beforeAll(async () => {
    h = await startSimApp();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('checks the database, SAM, Lens, MetaCat, Data Dispatcher and Rucio', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual([
      'data_dispatcher',
      'database',
      'lens',
      'metacat',
      'rucio',
      'sam',
      'sam_attribution',
    ]);
    expect(body.checks.sam).toMatchObject({ ok: true, detail: expect.stringContaining('samdev') });
    for (const name of ['metacat', 'data_dispatcher', 'rucio']) expect(body.checks[name].ok, name).toBe(true);
  });

  it('answers 503 naming Data Dispatcher while it is down, the others still answering', async () => {
    h.sim.world.faults.patch({ dd: { outage: '5xx' } });
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.checks.data_dispatcher.ok).toBe(false);
      expect(body.checks.metacat.ok).toBe(true);
      expect(body.checks.rucio.ok).toBe(true);
    } finally {
      h.sim.world.faults.patch({ dd: { outage: 'off' } });
    }
    expect((await health()).status).toBe(200);
  });

  it('says what to do when SAM does not define the attribution parameter (issue 13)', async () => {
    expect((await health()).body.checks.sam_attribution).toMatchObject({
      ok: true,
      detail: 'experiment samdev: SAM defines poms.submission_id',
    });
    const params = h.sim.world.sam('samdev').parameters;
    params.delete('poms.submission_id');
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.checks.sam.ok).toBe(true);
      expect(body.checks.sam_attribution.ok).toBe(false);
      expect(body.checks.sam_attribution.detail).toContain(
        'does not define the metadata parameter poms.submission_id',
      );
      expect(body.checks.sam_attribution.detail).toContain('samweb add-parameter poms.submission_id int');
      expect(body.checks.sam_attribution.detail).toContain('[sam] attribution_param');
    } finally {
      params.set('poms.submission_id', 'int');
    }
    expect((await health()).status).toBe(200);
  });

  it('answers 503 naming SAM while SAM is down', async () => {
    h.sim.world.faults.patch({ sam: { outage: '5xx' } });
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.checks.sam.ok).toBe(false);
      expect(body.checks.lens.ok).toBe(true);
    } finally {
      h.sim.world.faults.patch({ sam: { outage: 'off' } });
    }
    expect((await health()).status).toBe(200);
  });

  it('asks SAM about an active experiment, not a hard-wired one', async () => {
    const db = h.testDb.db;
    await db('experiments').insert({ experiment: 'aaa_first', name: 'First', active: true });
    try {
      const { body } = await health();
      expect(body.checks.sam.detail).toContain('experiment aaa_first');
    } finally {
      await db('experiments').where({ experiment: 'aaa_first' }).delete();
    }
  });
  it('answers 503 naming Lens while Lens answers 200 with GraphQL errors', async () => {
    h.sim.world.faults.patch({ lens: { outage: 'errors' } });
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body.checks.lens).toMatchObject({
        ok: false,
        detail: expect.stringContaining('Lens backend unavailable'),
      });
      expect(body.checks.sam.ok).toBe(true);
    } finally {
      h.sim.world.faults.patch({ lens: { outage: 'off' } });
    }
    expect((await health()).status).toBe(200);
  });

  it('stays live and ready during a SAM and Lens outage, reporting both; root sees when each last answered', async () => {
    const ready = async () => {
      const r = await fetch(`${h.url}/health/ready`);
      return {
        status: r.status,
        body: (await r.json()) as { ok: boolean; checks: Record<string, { ok: boolean }> },
      };
    };
    expect((await health()).status).toBe(200); // a success of each, to compare with the errors below
    h.sim.world.faults.patch({ sam: { outage: '5xx' }, lens: { outage: 'garbage' } });
    try {
      const live = await fetch(`${h.url}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ ok: true });
      const r = await ready();
      expect(r.status).toBe(200);
      expect(r.body.ok).toBe(true);
      expect(r.body.checks).toMatchObject({
        database: { ok: true },
        sam: { ok: false },
        lens: { ok: false },
      });
      expect((await health()).status).toBe(503);

      const root = new BrowserLikeClient(h.url);
      await root.signIn('admin');
      const status = await root.get('/api/v1/admin/status', { accept: 'application/json' });
      expect(status.status).toBe(200);
      const services: Array<Record<string, string | null>> = JSON.parse(status.body).services;
      const byName = Object.fromEntries(services.map((s) => [s.service, s]));
      for (const name of ['sam', 'lens']) {
        const s = byName[name];
        expect(s.lastSuccessAt, name).not.toBeNull();
        expect(s.lastErrorAt, name).not.toBeNull();
        expect(Date.parse(s.lastErrorAt!)).toBeGreaterThanOrEqual(Date.parse(s.lastSuccessAt!));
      }
      expect(byName.sam.lastError).toMatch(/^\w+: /);
      expect(byName.lens.lastError).toMatch(/^malformed: /);
      const page = await root.get('/admin/status');
      expect(page.status).toBe(200);
      expect(page.body).toContain('id="services-table"');
      expect(page.body).toMatch(/<td>lens<\/td>[\s\S]*?malformed: /);
      const shifter = new BrowserLikeClient(h.url);
      await shifter.signIn('shifter');
      expect((await shifter.get('/admin/status')).status).toBe(403);
    } finally {
      h.sim.world.faults.patch({ sam: { outage: 'off' }, lens: { outage: 'off' } });
    }
    expect((await ready()).status).toBe(200);
  });
});
