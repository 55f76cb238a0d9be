import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/services/services.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, startSecondInstance, type ApiHarness } from '../api/api-harness.js';

interface ProcessJson {
  runner: string;
  live: boolean;
  self: boolean;
  services: Array<{ service: string; errors: number }>;
}
interface StatusJson {
  processes: ProcessJson[];
  services: Array<{ service: string; calls: number; errors: number; lastError: string | null }>;
}

// Issue 16: root's status page shows every app process sharing the database (heartbeat rows on the
// database's clock), not only the one answering, and what each saw of SAM, Lens and SSH.
describe('status of every process', () => {
  let h: ApiHarness;
  let other: Services;
  let second: Awaited<ReturnType<typeof startSecondInstance>>;
  let otherUrl: string;
  beforeAll(async () => {
    h = await startApiHarness();
    second = await startSecondInstance(h);
    other = second.services;
    otherUrl = second.url;
    await h.services.heartbeat.start();
    await other.heartbeat.start();
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });
  const status = async (url: string) => {
    const r = await api(url, 'GET', '/api/v1/admin/status', { user: 'admin' });
    expect(r.status).toBe(200);
    return r.json as StatusJson;
  };

  it('lists both processes from either one, with the calls the other one saw', async () => {
    other.calls.record({
      service: 'sam',
      operation: 'listFiles',
      ms: 3,
      ok: false,
      error: 'unavailable: SAM down',
    });
    await other.heartbeat.beat();
    for (const url of [h.url, otherUrl]) {
      const s = await status(url);
      expect(s.processes.map((p) => p.runner).sort()).toEqual(
        [h.services.loops.runner, other.loops.runner].sort(),
      );
      expect(s.processes.every((p) => p.live)).toBe(true);
      expect(s.processes.filter((p) => p.self)).toHaveLength(1);
      const sam = s.services.find((x) => x.service === 'sam')!;
      expect(sam.errors).toBe(1);
      expect(sam.lastError).toBe('unavailable: SAM down');
    }
    const root = new BrowserLikeClient(h.url);
    await root.signIn('admin');
    const page = await root.get('/admin/status');
    expect(page.body).toContain('id="processes-table"');
    expect(page.body).toContain(other.loops.runner);
    expect(page.body).toContain('unavailable: SAM down');
  });

  it('shows a process that stopped beating as gone and leaves its calls out of the totals', async () => {
    await h.testDb
      .db('process_heartbeats')
      .where({ runner: other.loops.runner })
      .update({ seen_at: h.testDb.db.raw(`now() - interval '1 hour'`) });
    const s = await status(h.url);
    expect(s.processes.find((p) => p.runner === other.loops.runner)?.live).toBe(false);
    expect(s.services.find((x) => x.service === 'sam')!.errors).toBe(0);
  });

  it('removes the row of a process that stops', async () => {
    await other.heartbeat.stop();
    const s = await status(h.url);
    expect(s.processes.map((p) => p.runner)).toEqual([h.services.loops.runner]);
  });
});
