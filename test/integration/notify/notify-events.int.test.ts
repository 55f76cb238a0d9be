import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionStore } from '../../../src/db/stores/submission-store.js';
import { changeStatus } from '../../../src/services/submissions/submission-status-service.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startSmtpReceiver, startWebhookReceiver } from '../../helpers/notify-receivers.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

const HOUR = 3_600_000;

// Issue 18: a burst becomes one digest; a stalled campaign is flagged (shifter view, overview) with
// how long and since which event, and notified once; queued, recovery and complete events.
describe('notification events on the simulator', () => {
  let h: SimHarness;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const db = () => h.testDb.db;
  const demoStage = async (name: string) =>
    (await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': name })
      .first('s.stage_id', 'c.campaign_id')) as { stage_id: number; campaign_id: number };
  const events = (kind: string) => db()('notify_events').where({ kind }).orderBy('event_id');
  const mailsTo = (who: string) => smtp.mails.filter((m) => m.to.includes(who));

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver();
    h = await startSimHarness(31, {
      notify: { smtp_url: smtp.url, webhook_url: hooks.url('/site'), webhook_secret: 'x'.repeat(32) },
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
    await hooks?.close();
  });

  it(
    'a burst of 200 failures in 5 minutes becomes one digest per recipient',
    { timeout: 180_000 },
    async () => {
      const subs = h.services.notify.subscriptions;
      const kinds: ['submission.launch_failed'] = ['submission.launch_failed'];
      const base = { experiment: 'samdev', campaignId: null, kinds, email: true, webhook: false };
      await subs.save(await h.user('shifter'), { ...base, digest: true });
      await subs.save(await h.user('producer'), { ...base, digest: false });
      const made = await makeStage(db(), { campaign: 'burst', stage: 'gen' });
      const [stage_id, campaign_id] = [made.stage.stage_id, made.campaign.campaign_id];
      for (let i = 0; i < 200; i++) {
        const s = await submissionStore(db()).create({ stage_id, campaign_id, experiment: 'samdev' }, 'New', {
          kind: 'system',
          experimenterId: null,
        });
        await changeStatus(db(), s.submission_id, {
          requested: 'LaunchFailed',
          actor: 'system',
          reason: 'burst',
        });
        h.sim.clock.advance(1000);
      }
      expect(await events('submission.launch_failed')).toHaveLength(200);
      await h.services.notify.delivery.run();
      // producer (no digest) is over the burst threshold: one digest at once; shifter waits the window
      expect(mailsTo('producer@example.org')).toHaveLength(1);
      expect(mailsTo('shifter@example.org')).toHaveLength(0);
      expect(hooks.posts.filter((p) => p.path === '/site')).toHaveLength(1);
      h.sim.clock.advance(100_000); // the first failure is now 300 s old
      await h.services.notify.delivery.run();
      await h.services.notify.delivery.run();
      for (const who of ['producer@example.org', 'shifter@example.org']) {
        expect(mailsTo(who)).toHaveLength(1);
        expect(mailsTo(who)[0].subject).toBe(
          '[POMS samdev] digest: 200 events (200 × a launch failed (LaunchFailed))',
        );
      }
      expect(hooks.posts.filter((p) => p.path === '/site')[0].json.events).toHaveLength(200);
      expect(await db()('notify_deliveries').whereNull('delivered_at')).toHaveLength(0);
      await db()('notify_subscriptions').delete();
    },
  );

  it(
    'a stalled campaign is flagged with how long and since which event, and notified once',
    { timeout: 180_000 },
    async () => {
      const shifter = await h.user('shifter');
      const producer = await h.user('producer');
      await h.services.notify.subscriptions.save(shifter, {
        experiment: 'samdev',
        campaignId: null,
        kinds: ['campaign.stalled'],
        email: true,
        webhook: false,
        digest: false,
      });
      const { stage_id, campaign_id } = await demoStage('reco');
      // the campaign allows 5 h, its reco stage only 2 h
      const settings = await h.services.notify.stalls.setCampaign(producer, 'samdev', campaign_id, {
        stall_hours: 5,
        stages: { [stage_id]: 2 },
      });
      expect(settings.stages.find((s) => s.stage_id === stage_id)?.effective_hours).toBe(2);
      const out = await h.services.launchActions.launch(producer, stage_id, {}, 'samdev');
      await h.services.runner.idle();
      const sid = (out as { submissionId: number }).submissionId;

      const stalledNow = async () =>
        (await h.services.shifter.attention(shifter, 'samdev', { sinceHours: 72, limit: 50 })).groups.find(
          (g) => g.kind === 'stalled',
        )!.items;
      h.sim.clock.advance(HOUR);
      await h.services.notify.watch.run();
      expect(await stalledNow()).toEqual([]);
      expect(await events('campaign.stalled')).toHaveLength(0);

      h.sim.clock.advance(HOUR + 60_000);
      await h.services.notify.watch.run();
      const [item] = await stalledNow();
      expect(item).toMatchObject({
        campaign_id,
        stalled_for_h: 2,
        since: {
          kind: 'launched',
          submission_id: sid,
          text: `submission ${sid} launched, nothing located since`,
        },
        stages: [{ stage: 'reco', stall_hours: 2, stalled_for_h: 2 }],
      });
      const overview = await h.services.overview.experiment(
        shifter,
        'samdev',
        { state: 'active', sort: 'name', dir: 'asc', days: 7, hours: 24 },
        { page: 1, pageSize: 50 },
      );
      expect(overview.items.find((c) => c.campaign_id === campaign_id)?.stalled).toMatchObject({
        for_h: 2,
        since: { kind: 'launched', submission_id: sid },
      });
      expect(overview.items.filter((c) => c.stalled)).toHaveLength(1);

      await h.services.notify.watch.run(); // still stalled: no second event
      const stalled = await events('campaign.stalled');
      expect(stalled).toHaveLength(1);
      expect(stalled[0].summary).toMatch(
        /^Campaign demo stalled: no file located for 2 h, since .*reco \(2 h, threshold 2 h\)$/,
      );
      await h.services.notify.delivery.run();
      const mails = mailsTo('shifter@example.org').filter((m) => m.subject?.includes('stalled'));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe(`[POMS samdev] ${stalled[0].summary}`);
    },
  );

  it(
    'a launch queued by a hold and a recovery launch write their events in the launch transaction',
    { timeout: 120_000 },
    async () => {
      const producer = await h.user('producer');
      const { stage_id } = await demoStage('reco');
      await h.services.holds.holdStage(producer, stage_id);
      const queued = await h.services.launchActions.launch(producer, stage_id, {}, 'samdev');
      expect(queued).toMatchObject({ kind: 'held' });
      const [held] = await events('launch.held');
      expect(held).toMatchObject({ stage_id, campaign_id: expect.any(Number) });
      expect(held.summary).toMatch(
        /^A manual launch of stage reco \(campaign demo\) was queued \(#\d+\): the stage is held$/,
      );
      await h.services.holds.releaseStage(producer, stage_id);
      await h.services.runner.idle();

      const parent = await db()('submissions').where({ stage_id }).orderBy('submission_id').first();
      const rec = await h.services.launches.launch({
        stageId: stage_id,
        kind: 'recovery',
        launcherId: producer.experimenterId,
        launcherName: producer.username,
        parentSubmissionId: parent.submission_id,
        recoveryType: 'consumed_status',
      });
      await h.services.runner.idle();
      const [recovery] = await events('recovery.launched');
      expect(recovery.submission_id).toBe((rec as { submissionId: number }).submissionId);
      expect(recovery.summary).toContain(`of submission ${parent.submission_id} launched in stage reco`);
    },
  );

  it('a stage and then its campaign are complete once every submission is Located and chained', async () => {
    const { stage, campaign } = await makeStage(db(), { campaign: 'one_stage', stage: 'only' });
    const s = await submissionStore(db()).create(
      { stage_id: stage.stage_id, campaign_id: campaign.campaign_id, experiment: 'samdev' },
      'New',
      { kind: 'system', experimenterId: null },
    );
    for (const st of ['Idle', 'Running', 'Completed', 'Located'])
      await changeStatus(db(), s.submission_id, { requested: st, actor: 'system', pctComplete: 100 });
    await h.services.notify.watch.run();
    const ofStage = async () => (await events('stage.complete')).filter((e) => e.stage_id === stage.stage_id);
    expect(await ofStage()).toHaveLength(0); // not chained yet
    await db()('submissions').where({ submission_id: s.submission_id }).update({ chained_at: new Date() });
    await h.services.notify.watch.run();
    await h.services.notify.watch.run();
    expect(await ofStage()).toHaveLength(1);
    const done = (await events('campaign.complete')).filter((e) => e.campaign_id === campaign.campaign_id);
    expect(done.map((e) => e.summary)).toEqual(['Campaign one_stage complete: all 1 stage(s) done']);
  });

  it('an automatic launch refused by a rule is one launch.refused per stage, kind and reason per hour; a manual one none', async () => {
    const producer = await h.user('producer');
    const { stage_id } = await demoStage('reco');
    await db()('login_setups').where({ experiment: 'samdev' }).update({ active: false });
    try {
      const scheduled = {
        stageId: stage_id,
        kind: 'scheduled' as const,
        launcherId: producer.experimenterId,
        launcherName: producer.username,
      };
      await expect(h.services.launches.launch(scheduled)).rejects.toThrow(/is inactive/);
      await expect(h.services.launches.launch(scheduled)).rejects.toThrow(/is inactive/);
      await expect(h.services.launchActions.launch(producer, stage_id, {}, 'samdev')).rejects.toThrow(
        /is inactive/,
      );
      const refused = (await events('launch.refused')).filter((e) => e.stage_id === stage_id);
      expect(refused).toHaveLength(1);
      expect(refused[0].summary).toMatch(
        /^A scheduled launch of stage reco \(campaign demo\) was refused: login setup \S+ is inactive/,
      );
      expect(JSON.parse(JSON.stringify(refused[0].details))).toMatchObject({ launch_kind: 'scheduled' });
    } finally {
      await db()('login_setups').where({ experiment: 'samdev' }).update({ active: true });
    }
  });

  it('a submission Held longer than held_after_min notifies once per time it is held', async () => {
    const { stage, campaign } = await makeStage(db(), { campaign: 'held_long', stage: 'gen' });
    const s = await submissionStore(db()).create(
      { stage_id: stage.stage_id, campaign_id: campaign.campaign_id, experiment: 'samdev' },
      'New',
      { kind: 'system', experimenterId: null },
    );
    const to = (st: string) => changeStatus(db(), s.submission_id, { requested: st, actor: 'system' });
    const held = async () =>
      (await events('submission.held')).filter((e) => e.submission_id === s.submission_id);
    await to('Idle');
    await to('Held');
    h.sim.clock.advance(30 * 60_000);
    await h.services.notify.watch.run();
    expect(await held()).toHaveLength(0); // 30 min: not yet
    h.sim.clock.advance(31 * 60_000);
    await h.services.notify.watch.run();
    await h.services.notify.watch.run();
    expect(await held()).toHaveLength(1);
    expect((await held())[0].summary).toMatch(/Held for 61 min \(since /);
    await to('Running');
    await to('Held');
    h.sim.clock.advance(61 * 60_000);
    await h.services.notify.watch.run();
    expect(await held()).toHaveLength(2);
  });
});
