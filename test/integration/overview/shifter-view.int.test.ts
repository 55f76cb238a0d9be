import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { shifterService } from '../../../src/services/overview/shifter-service.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { runUntil, stageId, startSimApp, step, type SimApp } from './overview-fixture.js';

type Group = { kind: string; total: number; items: Array<{ key: string }> };

// The shifter view on the simulator: a Held submission (jobs held through jobsub), a LaunchFailed one
// (a launch script that does not exist), a stalled campaign and a queued launch are listed with their
// actions, and acknowledging hides them.
describe('the shifter view', () => {
  let h: SimApp;
  let heldId: number;
  let failedId: number;
  const P = '/api/v1/experiments/samdev';
  const sub = async (id: number) =>
    (await h.testDb.db<SubmissionRow>('submissions').where({ submission_id: id }).first())!;
  const view = async (user = 'shifter', query = '') => {
    const r = await api(h.url, 'GET', `${P}/shifter${query}`, { user });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    return r.json as { counts: Record<string, number>; groups: Group[] };
  };
  const group = (v: { groups: Group[] }, kind: string) => v.groups.find((g) => g.kind === kind)!;
  const keys = (v: { groups: Group[] }, kind: string) => group(v, kind).items.map((i) => i.key);

  beforeAll(async () => {
    h = await startSimApp(11);
    const producer = await h.user('producer');
    const out = await h.services.launchActions.launch(
      producer,
      await stageId(h, 'demo', 'reco'),
      {},
      'samdev',
    );
    heldId = (out as { submissionId: number }).submissionId;
    await h.services.runner.idle();
    await runUntil(h, async () => (await sub(heldId)).status === 'Running');
    await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id: heldId }, 'hold');
    await step(h, 1000);
    expect((await sub(heldId)).status).toBe('Held');

    const broken = await makeStage(h.testDb.db, {
      launchScript: 'no_such_launch_script',
      campaign: 'broken',
      account: 'samdevpro',
      setup: '',
    });
    const failed = await h.services.launchActions.launch(producer, broken.stage.stage_id, {}, 'samdev');
    failedId = (failed as { submissionId: number }).submissionId;
    await h.services.runner.idle();
    expect((await sub(failedId)).status).toBe('LaunchFailed');

    // A queued launch: the single_stage campaign's stage held, then launched.
    const single = await stageId(
      h,
      'single_stage',
      (
        await h.testDb
          .db('stages as s')
          .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
          .where('c.name', 'single_stage')
          .first('s.name')
      ).name,
    );
    await h.services.holds.holdStage(producer, single);
    expect((await h.services.launchActions.launch(producer, single, {}, 'samdev')).kind).toBe('held');
  }, 300_000);
  afterAll(async () => h?.close());

  it('ranks held jobs, failures and queued launches, each with its actions for those allowed', async () => {
    const v = await view();
    expect(v.groups.map((g) => g.kind)).toEqual(['held', 'failed', 'stalled', 'queued']);
    expect(keys(v, 'held')).toEqual([`held:${heldId}`]);
    expect(keys(v, 'failed')).toEqual([`failed:${failedId}`]);
    expect(group(v, 'queued').total).toBe(1);
    expect(v.counts).toMatchObject({ held: 1, failed: 1, queued: 1 });
    expect(v.counts.total).toBe(v.counts.held + v.counts.failed + v.counts.stalled + v.counts.queued);
    const failed = group(v, 'failed').items[0] as unknown as {
      status: string;
      reason: string;
      can_operate: boolean;
    };
    expect(failed.status).toBe('LaunchFailed');
    expect(failed.can_operate).toBe(true);
    // An analysis user sees the problems but gets no buttons for production work.
    const analyst = await view('analyst');
    expect((group(analyst, 'held').items[0] as unknown as { can_operate: boolean }).can_operate).toBe(false);

    const web = new BrowserLikeClient(h.url);
    await web.signIn('shifter');
    const page = await web.get('/experiments/samdev/shifter');
    expect(page.status).toBe(200);
    expect(page.body).toContain(`action="/experiments/samdev/jobs/submissions/${heldId}"`);
    expect(page.body).toMatch(/name="act" value="release"/);
    expect(page.body).toContain(`action="/experiments/samdev/submissions/${failedId}/relaunch"`);
    expect(page.body).toMatch(/data-confirm="Release the held jobs of submission \d+\?"/);
    // Live like the other pages: live-page.js polls the JSON twin and swaps the list in place.
    expect(page.body).toMatch(/\/js\/live-page\.js"/);
    expect(page.body).toContain('data-live-twin="/api/v1/experiments/samdev/shifter"');
    expect(page.body).toContain('id="shifter-live" data-live');
  });

  it('shows a campaign as stalled when nothing was located for N hours', async () => {
    const later = shifterService(h.testDb.db, () => new Date(Date.now() + 7 * 3_600_000));
    const shifter = await h.user('shifter');
    const v = await later.attention(shifter, 'samdev', { stallHours: 6, sinceHours: 72, limit: 50 });
    const demo = (await h.testDb.db('campaigns').where({ name: 'demo' }).first('campaign_id')).campaign_id;
    expect(keys(v, 'stalled')).toContain(`stalled:${demo}`);
    expect(keys(await view(), 'stalled')).toEqual([]); // not yet, in real time
    await h.services.acknowledgements.acknowledge(shifter, 'samdev', { campaign_id: demo });
    const after = await later.attention(shifter, 'samdev', { stallHours: 6, sinceHours: 72, limit: 50 });
    expect(keys(after, 'stalled')).not.toContain(`stalled:${demo}`);
  });

  it('hides an acknowledged submission until its status changes', async () => {
    const web = new BrowserLikeClient(h.url);
    await web.signIn('shifter');
    await web.get('/experiments/samdev/shifter');
    const r = await web.post(
      '/experiments/samdev/shifter/acknowledge',
      { submission_id: String(failedId) },
      { referer: '/experiments/samdev/shifter' },
    );
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${h.url}/experiments/samdev/shifter`);
    expect(keys(await view(), 'failed')).toEqual([]);
    expect(
      await h.testDb
        .db('acknowledgements')
        .where({ submission_id: failedId })
        .count({ n: '*' })
        .first()
        .then((x) => Number(x!.n)),
    ).toBe(1);
    expect(
      await h.testDb
        .db('audit_log')
        .where({ action: 'shifter.acknowledge', object_id: String(failedId) })
        .count({ n: '*' })
        .first()
        .then((x) => Number(x!.n)),
    ).toBe(1);

    // Through the API; the held submission comes back once released and held again.
    const ack = await api(h.url, 'POST', `${P}/acknowledgements`, {
      user: 'shifter',
      body: { submission_id: heldId },
    });
    expect(ack.status).toBe(201);
    expect(keys(await view(), 'held')).toEqual([]);
    const producer = await h.user('producer');
    await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id: heldId }, 'release');
    await step(h, 1000);
    await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id: heldId }, 'hold');
    await step(h, 1000);
    expect((await sub(heldId)).status).toBe('Held');
    expect(keys(await view(), 'held')).toEqual([`held:${heldId}`]);
  });

  it('refuses bad acknowledgements with a clear message, never a 500', async () => {
    const post = (body: unknown, user = 'shifter') =>
      api(h.url, 'POST', `${P}/acknowledgements`, { user, body });
    expect((await post({})).status).toBe(400);
    expect((await post({ submission_id: heldId, campaign_id: 1 })).json.error.message).toMatch(
      /either a submission or a campaign/,
    );
    expect((await post({ submission_id: 99_999_999 })).status).toBe(404);
    expect((await post({ submission_id: 'x' })).status).toBe(400);
    expect((await post({ submission_id: heldId }, 'analyst')).status).toBe(403);
    expect(
      (await api(h.url, 'GET', `${P}/shifter?stall_hours=-1&since_hours=abc`, { user: 'shifter' })).status,
    ).toBe(200);
  });
});
