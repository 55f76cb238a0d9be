import { afterEach, describe, expect, it } from 'vitest';
import { notifyOutboxStore } from '../../../src/db/stores/notify-outbox-store.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { registerLoops } from '../../../src/loops/register-loops.js';
import { webhookSignature } from '../../../src/services/notify/channels.js';
import type { Services } from '../../../src/services/services.js';
import { startSmtpReceiver, startWebhookReceiver } from '../../helpers/notify-receivers.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

const SECRET = 'test-webhook-secret-0123456789';

// Issue 18: a failed submission on the simulator reaches each subscriber once by e-mail (a real
// SMTP server on loopback) and once by webhook (a loopback listener), and the site webhook once —
// also when the app restarts in the middle of delivering, or dies holding leases.
describe('notifications of a failed submission', () => {
  let h: SimHarness | undefined;
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await h?.close();
    h = undefined;
    for (const c of closers.splice(0)) await c();
  });

  async function setUp(onFirst?: () => void) {
    let first = true;
    const once = () => {
      if (first) onFirst?.();
      first = false;
    };
    const smtp = await startSmtpReceiver(once);
    const hooks = await startWebhookReceiver();
    hooks.setHandler(() => void once());
    closers.push(smtp.close, hooks.close);
    h = await startSimHarness(21, {
      notify: { smtp_url: smtp.url, webhook_url: hooks.url('/site'), webhook_secret: SECRET },
    });
    const db = h.testDb.db;
    const campaign = await db('campaigns').where({ name: 'demo', experiment: 'samdev' }).first('campaign_id');
    const subs = h.services.notify.subscriptions;
    const producer = await h.user('producer');
    const shifter = await h.user('shifter');
    const analyst = await h.user('analyst');
    await subs.saveSettings(producer, { email: null, webhook_url: hooks.url('/hook/producer') });
    await subs.saveSettings(shifter, {
      email: 'shifts@example.org',
      webhook_url: hooks.url('/hook/shifter'),
    });
    const all = { email: true, webhook: true, digest: false };
    await subs.save(producer, {
      experiment: 'samdev',
      campaignId: campaign.campaign_id,
      kinds: ['submission.launch_failed'],
      ...all,
    });
    await subs.save(shifter, {
      experiment: 'samdev',
      campaignId: null,
      kinds: ['submission.launch_failed', 'submission.failed'],
      ...all,
    });
    // subscribed, but to another kind: hears nothing
    await subs.save(analyst, {
      experiment: 'samdev',
      campaignId: null,
      kinds: ['recovery.launched'],
      ...all,
    });
    return { smtp, hooks, db };
  }

  async function failAReco(): Promise<number> {
    const db = h!.testDb.db;
    h!.sim.world.faults.patch({ stages: { reco: { launchFailure: 'ssh' } } });
    const stage = await db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const out = await h!.services.launchActions.launch(
      await h!.user('producer'),
      stage.stage_id,
      {},
      'samdev',
    );
    await h!.services.runner.idle();
    const id = (out as { submissionId: number }).submissionId;
    const s = (await db<SubmissionRow>('submissions').where({ submission_id: id }).first())!;
    expect(s.status).toBe('LaunchFailed');
    return id;
  }

  function withLoops(s: Services): Services {
    registerLoops(s.loops, s, h!.config);
    return s;
  }

  function expectEachOnce(
    smtp: Awaited<ReturnType<typeof startSmtpReceiver>>,
    hooks: Awaited<ReturnType<typeof startWebhookReceiver>>,
    id: number,
  ) {
    expect(smtp.mails.map((m) => m.to.join()).sort()).toEqual(['producer@example.org', 'shifts@example.org']);
    for (const m of smtp.mails)
      expect(m.subject).toContain(`Submission ${id} (stage reco · campaign demo) LaunchFailed`);
    expect(hooks.posts.map((p) => p.path).sort()).toEqual(['/hook/producer', '/hook/shifter', '/site']);
    for (const p of hooks.posts) {
      expect(p.json.text).toContain(`Submission ${id}`);
      expect(p.json.events).toHaveLength(1);
      expect(p.headers['x-poms-signature']).toBe(
        webhookSignature(SECRET, String(p.headers['x-poms-timestamp']), p.body),
      );
    }
  }

  it(
    'is delivered exactly once across an app restart in the middle of delivery',
    { timeout: 120_000 },
    async () => {
      const app: { a?: Services } = {};
      let stopping: Promise<void> | undefined;
      // The first message out shuts process A down (as SIGTERM would) while it is delivering.
      const { smtp, hooks, db } = await setUp(() => {
        stopping = app.a!.stop();
      });
      const id = await failAReco();
      const events = await db('notify_events').where({ submission_id: id });
      expect(events.map((e) => e.kind)).toEqual(['submission.launch_failed']);

      const a = (app.a = withLoops(h!.services));
      const runA = await a.loops.runNow('notify-delivery');
      await stopping;
      expect(runA.ran).toBe(true);
      expect(smtp.mails.length + hooks.posts.length).toBe(1);
      const pending = await db('notify_deliveries').whereNull('delivered_at');
      expect(pending).toHaveLength(4);
      expect(pending.every((d) => d.lease_owner === null)).toBe(true); // handed back at the stop

      const b = withLoops(h!.newServices());
      try {
        await b.loops.runNow('notify-delivery');
        await b.loops.runNow('notify-delivery'); // nothing left: nothing more
      } finally {
        await b.stop();
      }
      expectEachOnce(smtp, hooks, id);
      expect(await db('notify_deliveries').whereNull('delivered_at')).toHaveLength(0);
    },
  );

  it(
    'a process that died holding leases: another one delivers once the leases expire',
    { timeout: 120_000 },
    async () => {
      const { smtp, hooks, db } = await setUp();
      const id = await failAReco();
      const s = h!.services;
      await s.notify.delivery.run(); // plans and delivers; undo the deliveries to replay a crash
      expect(smtp.mails.length + hooks.posts.length).toBe(5);
      smtp.mails.length = 0;
      hooks.posts.length = 0;
      await db('notify_deliveries').update({ delivered_at: null, message_key: null });
      // the dead process claimed every target and never sent
      const store = notifyOutboxStore(db);
      const now = new Date();
      for (const t of await store.dueTargets(now, 100))
        await store.claim(t, 'dead-process', now, new Date(now.getTime() + 120_000), 100);

      expect(await s.notify.delivery.run()).toMatch(/0 message\(s\) sent/);
      h!.sim.clock.advance(121_000);
      expect(await s.notify.delivery.run()).toMatch(/5 message\(s\) sent/);
      await s.notify.delivery.run();
      expectEachOnce(smtp, hooks, id);
    },
  );

  it('a webhook that fails is retried after the backoff, not before', { timeout: 120_000 }, async () => {
    const { hooks, db } = await setUp();
    let down = true;
    hooks.setHandler((p) => (down && p.path === '/site' ? 500 : 200));
    await failAReco();
    await h!.services.notify.delivery.run();
    const site = () => db('notify_deliveries').where({ recipient: 'site' }).first();
    expect((await site()).delivered_at).toBeNull();
    expect((await site()).attempts).toBe(1);
    expect((await site()).last_error).toMatch(/answered 500/);
    down = false;
    await h!.services.notify.delivery.run();
    expect(hooks.posts.filter((p) => p.path === '/site')).toHaveLength(0); // backoff: 30 s
    h!.sim.clock.advance(30_000);
    await h!.services.notify.delivery.run();
    expect(hooks.posts.filter((p) => p.path === '/site')).toHaveLength(1);
    expect((await site()).delivered_at).not.toBeNull();
  });
});
