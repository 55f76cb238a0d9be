import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver, startWebhookReceiver } from '../../helpers/notify-receivers.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const HOUR = 3600;
const jwtExpiring = (hoursFromNow: number) =>
  [
    'e30',
    Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + hoursFromNow * HOUR })).toString(
      'base64url',
    ),
    'c2ln',
  ].join('.');

// Issue 18: "a credential about to expire" notifies once per credential, by e-mail to the
// experiment's subscribers (a real SMTP server on loopback) and to the site webhook.
describe('credential.expiring', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const tokenFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poms-cred-')), 'samdev_bt');
  const events = () =>
    t.testDb.db('notify_events').where({ kind: 'credential.expiring' }).orderBy('event_id');

  beforeAll(async () => {
    fs.writeFileSync(tokenFile, jwtExpiring(10));
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver();
    t = await startTestApp({
      credentials: { enabled: true, production_token_file: tokenFile },
      notify: {
        smtp_url: smtp.url,
        webhook_url: hooks.url('/site'),
        webhook_secret: 'y'.repeat(32),
        credential_warn_hours: 48,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await hooks?.close();
  });

  it('notifies once when the production token ends within the window, again when a renewed one does', async () => {
    const superuser = await t.services.identity.loadUser('superuser', { experiment: 'samdev' });
    await t.services.notify.subscriptions.save(superuser!, {
      experiment: 'samdev',
      campaignId: null,
      kinds: ['credential.expiring'],
      email: true,
      webhook: false,
      digest: false,
    });
    expect(await t.services.notify.watch.run()).toMatch(/1 credential\(s\) expiring/);
    expect(await t.services.notify.watch.run()).toMatch(/0 credential\(s\) expiring/);
    const [e] = await events();
    expect(e.summary).toMatch(
      /^The production token samdev_bt of samdev expires at \S+ \(in 10 h\): launches will be refused/,
    );
    await t.services.notify.delivery.run();
    const mails = smtp.mails.filter((m) => m.to.includes('superuser@example.org'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`[POMS samdev] ${e.summary}`);
    expect(hooks.posts.filter((p) => p.path === '/site')).toHaveLength(1);

    fs.writeFileSync(tokenFile, jwtExpiring(100)); // renewed: outside the window, nothing new
    expect(await t.services.notify.watch.run()).toMatch(/0 credential\(s\) expiring/);
    fs.writeFileSync(tokenFile, jwtExpiring(-1)); // a new one that has already expired
    await t.services.notify.watch.run();
    const all = await events();
    expect(all).toHaveLength(2);
    expect(all[1].summary).toMatch(/^The production token samdev_bt of samdev expired at /);
  });
});
