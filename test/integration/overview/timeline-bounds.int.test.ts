import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { createServices, type Services } from '../../../src/services/services.js';
import type { UserContext } from '../../../src/services/user-context.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const DAY = 86_400_000;

interface PlanNode {
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}
/** Rows the plan's leaf nodes (table and index scans) produced, over all their loops. */
const leafRows = (n: PlanNode): number =>
  n.Plans?.length ? n.Plans.reduce((a, p) => a + leafRows(p), 0) : n['Actual Rows'] * n['Actual Loops'];

/** Every statement `fn` sends, run again under EXPLAIN ANALYZE: the most rows any one of them read. */
async function rowsRead(db: Knex, fn: () => Promise<unknown>): Promise<number> {
  const sent: Array<{ sql: string; bindings: readonly unknown[] }> = [];
  const onQuery = (q: { sql: string; bindings?: readonly unknown[] }) =>
    sent.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', onQuery);
  try {
    await fn();
  } finally {
    db.off('query', onQuery);
  }
  let most = 0;
  for (const q of sent.filter((s) => /submissions/.test(s.sql))) {
    // Sent with PostgreSQL's numbered placeholders ($1, $2, …), in order.
    const sql = q.sql.replace(/\$\d+/g, '?');
    const r = await db.raw(`explain (analyze, format json) ${sql}`, q.bindings as Knex.RawBinding[]);
    const plan = ((r.rows ?? r)[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan;
    most = Math.max(most, leafRows(plan));
  }
  return most;
}

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
