import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressReadModel } from '../../../src/db/read-models/progress-read-model.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// Issue 15: the campaign progress page and the time bars read the campaign's stages (and stages
// since detached that still hold its submissions). That read must cost what the campaign has,
// not what the experiment has: 4,000 stages of other campaigns add no rows read.
describe("a campaign's stages for progress and time bars", () => {
  let t: TestDb;
  let campaignId: number;
  let detached: number;
  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const { campaign, stage, creatorId } = await makeStage(t.db, {});
    campaignId = campaign.campaign_id;
    const [d] = await t
      .db('stages')
      .insert({ campaign_id: campaignId, experiment: 'samdev', name: 'merge', creator: creatorId })
      .returning('stage_id');
    detached = d.stage_id;
    for (const stageId of [stage.stage_id, detached])
      await t.db('submissions').insert({
        stage_id: stageId,
        campaign_id: campaignId,
        experiment: 'samdev',
        creator: creatorId,
        status: 'Located',
      });
    // The merge stage leaves the campaign; its submissions stay the campaign's.
    await t.db('stages').where('stage_id', detached).update({ campaign_id: null });
  });
  afterAll(async () => t?.destroy());

  interface PlanNode {
    'Node Type': string;
    'Actual Rows': number;
    'Actual Loops': number;
    'Rows Removed by Filter'?: number;
    Plans?: PlanNode[];
  }
  /** Rows every scan of the plan looked at (kept or filtered out), over all its loops. */
  const scanned = (n: PlanNode): number =>
    (n['Node Type'].includes('Scan')
      ? (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * n['Actual Loops']
      : 0) + (n.Plans ?? []).reduce((a, p) => a + scanned(p), 0);

  const read = async () => {
    const q = progressReadModel(t.db).stages(campaignId) as unknown as Knex.QueryBuilder;
    const { sql, bindings } = q.toSQL();
    const r = await t.db.raw(`explain (analyze, format json) ${sql}`, bindings as Knex.RawBinding[]);
    const plan = (r.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0].Plan;
    const rows = (await q) as Array<{ stage_id: number; detached: boolean }>;
    return { rows, read: scanned(plan) };
  };

  it('lists its stages and the detached one, reading as many rows with 4,000 other stages as without', async () => {
    const before = await read();
    expect(before.rows.map((r) => [r.stage_id, r.detached])).toEqual([
      [before.rows[0].stage_id, false],
      [detached, true],
    ]);
    const { campaign, creatorId } = await makeStage(t.db, {});
    await t.db('stages').insert(
      Array.from({ length: 4000 }, (_, k) => ({
        campaign_id: campaign.campaign_id,
        experiment: 'samdev',
        name: `s${k}`,
        creator: creatorId,
      })),
    );
    await t.db.raw('analyze stages, submission_rollups');
    const after = await read();
    expect(after.rows).toEqual(before.rows);
    expect(after.read).toBeLessThanOrEqual(before.read + 4);
  });
});
