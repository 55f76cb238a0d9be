import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Jobsub } from '../../../src/adapters/jobsub/index.js';
import { jobLogCacheStore } from '../../../src/db/stores/job-log-cache-store.js';
import { jobLogService } from '../../../src/services/tracking/job-logs.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// The job-log cache lives in PostgreSQL: a bundle one POMS process fetched is served to another
// without a second jobsub_fetchlog, and beyond the size cap the least recently used bundle goes.
describe('the shared job-log cache', () => {
  let h: SimHarness;
  const sids: number[] = [];
  let fetches = 0;
  /** The real jobsub client, counting its jobsub_fetchlog calls. */
  const counting = (): Jobsub => {
    const real = h.services.fife.jobsub!;
    return {
      queue: (...a) => real.queue(...a),
      queueAds: (...a) => real.queueAds(...a),
      control: (...a) => real.control(...a),
      fetchLogs: (...a) => {
        fetches += 1;
        return real.fetchLogs(...a);
      },
    };
  };
  const process = (cacheMaxBytes: number) =>
    jobLogService(h.testDb.db, counting(), { cacheMaxBytes, now: () => new Date(h.sim.clock.now()) });

  beforeAll(async () => {
    h = await startSimHarness(11);
    const stage = await h.testDb
      .db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    for (let i = 0; i < 2; i++) {
      const out = await h.services.launchActions.launch(
        await h.user('producer'),
        stage.stage_id,
        {},
        'samdev',
      );
      sids.push((out as { submissionId: number }).submissionId);
    }
    await h.services.runner.idle();
    h.sim.clock.advance(120_000);
  });
  afterAll(async () => h?.close());

  it('serves one process’s fetch to another, refetches on refresh, and evicts beyond the cap', async () => {
    const producer = await h.user('producer');
    const a = process(64 * 1024 * 1024);
    const b = process(64 * 1024 * 1024);
    const first = await a.bundle(producer, 'samdev', sids[0]);
    expect(first.files.some((f) => f.name.endsWith('.log'))).toBe(true);
    expect(fetches).toBe(1);
    const again = await b.bundle(producer, 'samdev', sids[0]);
    expect(fetches).toBe(1);
    expect(again.fetchedAt).toEqual(first.fetchedAt);
    expect(again.files.map((f) => [f.name, f.content.toString('base64')])).toEqual(
      first.files.map((f) => [f.name, f.content.toString('base64')]),
    );
    expect((await b.file(producer, 'samdev', sids[0], first.files[0].name)).content).toEqual(
      first.files[0].content,
    );
    await b.bundle(producer, 'samdev', sids[0], { refresh: true });
    expect(fetches).toBe(2);

    // A cap smaller than two bundles: caching the second evicts the first (the least recently used).
    const size = (await jobLogCacheStore(h.testDb.db).size()).bytes;
    const small = process(size + 1);
    await small.bundle(producer, 'samdev', sids[1]);
    expect(fetches).toBe(3);
    const cached = await h.testDb.db('job_log_bundles').pluck('submission_id');
    expect(cached).toEqual([sids[1]]);
    await a.bundle(producer, 'samdev', sids[0]);
    expect(fetches).toBe(4);
  });
});
