import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';
import { getJson, P, signedIn } from '../pages/page-helpers.js';

// With Lens down for longer than [loops] lens_fallback_after_s (600 s by default), the poller reads
// job states with jobsub_q on the launch host, marks them as the fallback's, and goes back to Lens
// as soon as it answers (the simulator's Lens outage knob).
describe('Lens fallback through jobsub_q', () => {
  let h: SimHarness;
  let id: number;
  const db = () => h.testDb.db;
  const sub = async () => (await db()<SubmissionRow>('submissions').where({ submission_id: id }).first())!;
  const lensOutage = async (on: boolean) => {
    const r = await fetch(`${h.sim.url}/sim/admin/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'lens', on, kind: '5xx' }),
    });
    expect(r.ok).toBe(true);
  };
  async function step(ms: number): Promise<string> {
    h.sim.clock.advance(ms);
    await h.services.runner.idle();
    return pollLens(h.services.tracking!).then(
      (r) => r,
      (e: Error) => `failed: ${e.message}`,
    );
  }

  /** The submission page, its JSON twin and the stage's submission list say where the job counts came from. */
  async function expectShownVia(via: string, onPage: RegExp) {
    const app = createApp(h.services, h.config);
    const server = await new Promise<Server>((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await signedIn(base, 'producer').then((c) => c.get(`${P}/submissions/${id}`));
      expect(page.body).toMatch(onPage);
      expect((await getJson(base, `${P}/submissions/${id}`)).json.submission.tracked_via).toBe(via);
      const list = await getJson(base, `${P}/stages/${(await sub()).stage_id}/submissions`);
      expect(list.json.rows.items[0].jobs.via).toBe(via);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  }

  beforeAll(async () => {
    h = await startSimHarness(5);
    const stage = await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const out = await h.services.launchActions.launch(await h.user('producer'), stage.stage_id, {}, 'samdev');
    id = (out as { submissionId: number }).submissionId;
    await h.services.runner.idle();
  });
  afterAll(async () => h?.close());

  it(
    'keeps statuses moving through jobsub_q while Lens is down, then returns to Lens',
    { timeout: 300_000 },
    async () => {
      for (let i = 0; i < 30 && !['Idle', 'Running'].includes((await sub()).status); i++) await step(10_000);
      expect(['Idle', 'Running']).toContain((await sub()).status);
      expect((await sub()).tracked_via).toBe('lens');

      await lensOutage(true);
      // Before the configured time a Lens failure fails the pass, as it always did; nothing changes.
      expect(await step(60_000)).toMatch(/^failed: lens/);
      expect((await sub()).tracked_via).toBe('lens');

      // Past it, the pass succeeds through jobsub_q and says so.
      const result = await step(600_000);
      expect(result).toMatch(/samdev through jobsub_q \(Lens failing since/);
      expect((await sub()).tracked_via).toBe('jobsub_q');
      await expectShownVia(
        'jobsub_q',
        /Jobs<\/td><td>[^<]*<span[^>]*>\(from jobsub_q: Lens did not answer\)/,
      );
      for (let i = 0; i < 60 && (await sub()).status !== 'Completed'; i++) await step(60_000);
      const done = await sub();
      expect(done.status).toBe('Completed');
      expect(done.tracked_via).toBe('jobsub_q');
      const last = await db()('submission_history')
        .where({ submission_id: id })
        .orderBy('history_id', 'desc')
        .first();
      expect(last).toMatchObject({ status: 'Completed' });
      expect(last.reason).toMatch(/^from jobsub_q: Lens failing since/);

      // Lens answers again: the next pass is a Lens pass and the submission is Lens's again.
      await lensOutage(false);
      expect(await step(60_000)).not.toMatch(/jobsub_q/);
      expect((await sub()).tracked_via).toBe('lens');
      await expectShownVia('lens', /Jobs<\/td><td>[^<]*<span[^>]*>\(from Lens\)/);
    },
  );
});
