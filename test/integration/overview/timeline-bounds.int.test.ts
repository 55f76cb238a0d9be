import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { createServices, type Services } from '../../../src/services/services.js';
import type { UserContext } from '../../../src/services/user-context.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { rowsRead } from '../../helpers/rows-read.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const DAY = 86_400_000;

// Issue 15: the time bars of a busy campaign read what they draw. The default window is the
// campaign's last week of activity, and finding the submissions that cross a window reads index
// ranges that follow the window, so years of finished history cost nothing.
describe('time bars of a campaign with a long history', () => {
  let t: TestDb;
  let services: Services;
  let su: UserContext;
  let campaignId: number;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    services = createServices({ db: t.db, config: loadConfig({}, { server: { log_level: 'silent' } }) });
    su = (await services.identity.loadUser('superuser', { experiment: 'samdev' }))!;
    const { campaign, stage, creatorId } = await makeStage(t.db, {});
    campaignId = campaign.campaign_id;
    const row = (created: number, status: string, ended: number) => ({
      stage_id: stage.stage_id,
      campaign_id: campaignId,
      experiment: 'samdev',
      creator: creatorId,
      created_at: new Date(created),
      status,
      status_at: new Date(ended),
    });
    const now = Date.now();
    // 20 recent submissions (the last three days, some still running) …
    const recent = Array.from({ length: 20 }, (_, i) =>
      row(now - (i + 1) * 3 * 3_600_000, i % 4 === 0 ? 'Running' : 'Located', now - i * 3 * 3_600_000),
    );
    await t.db('submissions').insert(recent);
    await t.db.raw('analyze submissions');
  });
  afterAll(async () => {
    await services?.stop();
    await t?.destroy();
  });

  const timeline = (opts: { tmin?: Date } = {}) =>
    services.timeline.campaign(su, 'samdev', campaignId, { width: 1000, mode: 'auto', ...opts });

  it('reads about as many rows with two years of finished history as without it', async () => {
    const before = await timeline();
    expect(before.total).toBe(20);
    const small = await rowsRead(t.db, () => timeline());

    // … then 3,000 finished submissions spread over the two years before last week.
    const { stage_id, creator } = await t.db('submissions').where({ campaign_id: campaignId }).first();
    const now = Date.now();
    const old = Array.from({ length: 3000 }, (_, i) => {
      const created = now - 8 * DAY - (i / 3000) * 730 * DAY;
      return {
        stage_id,
        campaign_id: campaignId,
        experiment: 'samdev',
        creator,
        created_at: new Date(created),
        status: i % 5 === 0 ? 'Failed' : 'Located',
        status_at: new Date(created + 3_600_000),
      };
    });
    for (let i = 0; i < old.length; i += 500) await t.db('submissions').insert(old.slice(i, i + 500));
    await t.db.raw('analyze submissions');

    const after = await timeline();
    expect(after.total).toBe(20); // the default window is the last week
    expect(Date.parse(String(after.window.tmax)) - Date.parse(String(after.window.tmin))).toBeLessThan(
      8 * DAY,
    );
    const large = await rowsRead(t.db, () => timeline());
    expect(large).toBeLessThanOrEqual(small + 10);
    // The whole life, asked for, still holds every submission.
    expect((await timeline({ tmin: new Date(now - 800 * DAY) })).total).toBe(3020);
  });
});
