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
      body: (await r.json()) as {
        ok: boolean;
        degraded: boolean;
        checks: Record<string, { ok: boolean; detail?: string; unused?: true }>;
      },
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

  it('reports MetaCat down without failing while no active experiment uses it', async () => {
    h.sim.world.faults.patch({ metacat: { outage: '5xx' } });
    try {
      const { status, body } = await health();
      expect(status).toBe(200);
      expect(body.ok).toBe(true);
      expect(body.degraded).toBe(true);
      expect(body.checks.metacat).toMatchObject({ ok: false, unused: true });
      expect(body.checks.metacat.detail).toContain('no active experiment uses MetaCat');
      expect(body.checks.sam).toMatchObject({ ok: true });
      expect(body.checks.sam.unused).toBeUndefined();
    } finally {
      h.sim.world.faults.patch({ metacat: { outage: 'off' } });
    }
    expect((await health()).body.degraded).toBe(false);
  });

  it('answers 503 naming MetaCat or Data Dispatcher while down once an active experiment uses them', async () => {
    const db = h.testDb.db;
    await db('experiments').insert({ experiment: 'zzz_dune', name: 'On MetaCat', data_service: 'metacat' });
    try {
      for (const service of ['metacat', 'dd'] as const) {
        h.sim.world.faults.patch({ [service]: { outage: '5xx' } });
        try {
          const { status, body } = await health();
          expect(status, service).toBe(503);
          const failing = service === 'dd' ? 'data_dispatcher' : 'metacat';
          expect(body.checks[failing]).toMatchObject({ ok: false });
          expect(body.checks[failing].unused).toBeUndefined();
          expect(body.checks.rucio.ok).toBe(true);
        } finally {
          h.sim.world.faults.patch({ [service]: { outage: 'off' } });
        }
      }
      expect((await health()).status).toBe(200);
      // Every active experiment on MetaCat: SAM down is reported, not fatal.
      const others: string[] = await db('experiments')
        .whereNot({ experiment: 'zzz_dune' })
        .where({ active: true })
        .pluck('experiment');
      await db('experiments').whereIn('experiment', others).update({ active: false });
      h.sim.world.faults.patch({ sam: { outage: '5xx' } });
      try {
        const { status, body } = await health();
        expect(status).toBe(200);
        expect(body.checks.sam).toMatchObject({ ok: false, unused: true });
      } finally {
        h.sim.world.faults.patch({ sam: { outage: 'off' } });
        await db('experiments').whereIn('experiment', others).update({ active: true });
      }
    } finally {
      await db('experiments').where({ experiment: 'zzz_dune' }).delete();
    }
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
