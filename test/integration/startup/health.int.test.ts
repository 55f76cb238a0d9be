import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('checks the database, SAM and Lens', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'lens', 'sam']);
    expect(body.checks.sam).toMatchObject({ ok: true, detail: expect.stringContaining('samdev') });
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
});
