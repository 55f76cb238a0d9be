import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSION_STATUSES } from '../../../src/domain/submissions/status-machine.js';
import { createServices, type Services } from '../../../src/services/services.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { UserContext } from '../../../src/services/user-context.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { queriesOf } from '../../helpers/queries-of.js';

const HOUR = 3_600_000;

/**
 * `campaigns` more campaigns of two stages each (reco → ana), with `perCampaign` submissions in
 * every status, a recovery after every fourth, file counts, queued launches, watches and
 * acknowledgements: the shapes every page aggregates.
 */
async function grow(db: Knex, campaigns: number, perCampaign: number, watcher: number): Promise<number[]> {
  const ids: number[] = [];
  for (let c = 0; c < campaigns; c++) {
    const { campaign, stage, creatorId } = await makeStage(db, {});
    const [ana] = await db('stages')
      .insert({ campaign_id: campaign.campaign_id, experiment: 'samdev', name: 'ana', creator: creatorId })
      .returning('stage_id');
    await db('dependencies').insert({ upstream_stage_id: stage.stage_id, downstream_stage_id: ana.stage_id });
    let original: number | null = null;
    for (let i = 0; i < perCampaign; i++) {
      const status = SUBMISSION_STATUSES[i % SUBMISSION_STATUSES.length];
      const created = new Date(Date.now() - (perCampaign - i) * 0.2 * HOUR);
      const recovery: boolean = i % 4 === 3 && original !== null;
      const [s]: Array<{ submission_id: number }> = await db('submissions')
        .insert({
          stage_id: i % 3 === 2 ? ana.stage_id : stage.stage_id,
          campaign_id: campaign.campaign_id,
          experiment: 'samdev',
          creator: creatorId,
          created_at: created,
          status,
          status_at: new Date(created.getTime() + 0.1 * HOUR),
          parent_submission_id: recovery ? original : null,
          files_submitted: 10,
          files_consumed: 9,
          files_located: status === 'Located' ? 8 : null,
          located_reason: status === 'Located' ? 'threshold' : null,
        })
        .returning('submission_id');
      if (!recovery) original = s.submission_id;
      if (i % 10 === 0)
        await db('held_launches').insert({
          stage_id: stage.stage_id,
          launch_kind: 'manual',
          launcher: creatorId,
        });
      if (i % 7 === 0)
        await db('acknowledgements').insert({
          experiment: 'samdev',
          submission_id: s.submission_id,
          acknowledged_by: watcher,
        });
    }
    await db('watches').insert({ experimenter_id: watcher, campaign_id: campaign.campaign_id });
    ids.push(campaign.campaign_id);
  }
  return ids;
}

// Each page's data costs a fixed number of queries, whatever the number of rows: measured with 5
// submissions in two campaigns, then again with 200 submissions in each of 12 campaigns.
describe('the overview pages issue a bounded number of queries', () => {
  let t: TestDb;
  let services: Services;
  let su: UserContext;
  let root: UserContext;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    services = createServices({ db: t.db, config: loadConfig({}, { server: { log_level: 'silent' } }) });
    su = (await services.identity.loadUser('superuser', { experiment: 'samdev' }))!;
    root = (await services.identity.loadUser('admin', { experiment: 'samdev' }))!;
  });
  afterAll(async () => {
    await services?.stop();
    await t?.destroy();
  });

  async function measure(campaignId: number) {
    const opts = { state: 'all' as const, sort: 'files' as const, dir: 'desc' as const, days: 7, hours: 24 };
    const page = { page: 1, pageSize: 50 };
    const q = (fn: () => Promise<unknown>) => queriesOf(t.db, fn);
    return {
      progress: await q(() => services.progress.campaign(su, 'samdev', campaignId, { hours: 24 })),
      timelineBars: await q(() =>
        services.timeline.campaign(su, 'samdev', campaignId, { width: 1000, mode: 'auto' }),
      ),
      timelineBuckets: await q(() =>
        services.timeline.campaign(su, 'samdev', campaignId, { width: 1000, mode: 'buckets' }),
      ),
      shifter: await q(() =>
        services.shifter.attention(su, 'samdev', { stallHours: 1, sinceHours: 72, limit: 50 }),
      ),
      overview: await q(() => services.overview.experiment(su, 'samdev', opts, page)),
      overviewAll: await q(() => services.overview.all(root, opts, page)),
      watching: await q(() => services.overview.watching(su, opts, page)),
    };
  }

  it('the same number with 5 and with 200 submissions per campaign', async () => {
    const [small] = await grow(t.db, 2, 5, su.experimenterId);
    const few = await measure(small);
    const [large] = await grow(t.db, 12, 200, su.experimenterId);
    const many = await measure(large);
    expect(many).toEqual(few);
    for (const n of Object.values(many)) {
      expect(n).toBeGreaterThan(1);
      expect(n).toBeLessThanOrEqual(8);
    }

    // The data really grew: the pages see it.
    const p = await services.progress.campaign(su, 'samdev', large, { hours: 24 });
    expect(p.totals.submissions.total).toBe(200);
    expect((await services.timeline.campaign(su, 'samdev', large, { width: 1000, mode: 'auto' })).total).toBe(
      200,
    );
    const o = await services.overview.experiment(
      su,
      'samdev',
      { state: 'all', sort: 'name', dir: 'asc', days: 7, hours: 24 },
      { page: 1, pageSize: 50 },
    );
    expect(o.total).toBe(14);
    const s = await services.shifter.attention(su, 'samdev', { stallHours: 1, sinceHours: 72, limit: 50 });
    expect(s.counts.queued).toBe(2 + 12 * 20);
  });
});
