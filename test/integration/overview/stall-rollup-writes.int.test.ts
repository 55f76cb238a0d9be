import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const HOUR = 3_600_000;

/** Rows written (inserted, updated, deleted) so far in this transaction, per rollup table. */
async function rollupWrites(trx: Knex.Transaction) {
  const rows = await trx('pg_stat_xact_user_tables')
    .whereIn('relname', ['submission_rollups', 'campaign_rollups'])
    .select('relname', trx.raw('n_tup_ins + n_tup_upd + n_tup_del as n'));
  const of = (t: string) => Number(rows.find((r) => r.relname === t)?.n ?? 0);
  return { stage: of('submission_rollups'), campaign: of('campaign_rollups') };
}

/**
 * The stage and campaign rollup rows that have submissions, as stored, but their first_created and
 * last_change (the triggers only ever move those outward; a recount gives the exact extremes).
 */
async function rollups(db: Knex) {
  const figures = ({ first_created: _f, last_change: _l, ...rest }: Record<string, unknown>) => rest;
  return {
    stages: (
      await db('submission_rollups').where('submissions', '>', 0).orderBy(['campaign_id', 'stage_id'])
    ).map(figures),
    campaigns: (await db('campaign_rollups').where('submissions', '>', 0).orderBy('campaign_id')).map(
      figures,
    ),
  };
}

// Per submission change the rollup triggers write its stage's row once for the family figures and
// at most once more for the stall figures (unfinished count, oldest unfinished, latest Located), and
// its campaign's row once; what they keep is what a recount from scratch gives
// (migration lighten-stage-stall-trigger: a Completed → Located used to write the stage row 5 times).
describe('rollup triggers: writes per submission change, and the rows equal a recount', () => {
  let t: TestDb;
  let stage: number;
  let campaign: number;
  let creator: number;
  const t0 = Date.now() - 48 * HOUR;

  const insert = async (db: Knex, hoursIn: number, status = 'New') => {
    const at = new Date(t0 + hoursIn * HOUR);
    const [s] = await db('submissions')
      .insert({
        stage_id: stage,
        campaign_id: campaign,
        experiment: 'samdev',
        creator,
        created_at: at,
        status,
        status_at: at,
        launch_kind: 'manual',
      })
      .returning('submission_id');
    return Number(s.submission_id);
  };
  const setStatus = (db: Knex, id: number, status: string, hoursIn: number) =>
    db('submissions')
      .where('submission_id', id)
      .update({ status, status_at: new Date(t0 + hoursIn * HOUR) });
  /** The rollup rows written by `change`, run in a transaction of its own. */
  const writesOf = (change: (trx: Knex.Transaction) => Promise<unknown>) =>
    t.db.transaction(async (trx) => {
      const before = await rollupWrites(trx);
      await change(trx);
      const after = await rollupWrites(trx);
      return { stage: after.stage - before.stage, campaign: after.campaign - before.campaign };
    });

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const f = await makeStage(t.db, {});
    stage = f.stage.stage_id;
    campaign = f.campaign.campaign_id;
    creator = f.creatorId;
  });
  afterAll(async () => t?.destroy());

  it('writes the stage row once for its family figures and at most once for its stall figures', async () => {
    const oldest = await insert(t.db, 0);
    const a = await insert(t.db, 1);
    // A new unfinished submission: no probe, the oldest is compared with it.
    expect(await writesOf((trx) => insert(trx, 2))).toEqual({ stage: 2, campaign: 1 });
    // Within the unfinished statuses the stall figures do not move.
    expect(await writesOf((trx) => setStatus(trx, a, 'Running', 3))).toEqual({ stage: 1, campaign: 1 });
    // Completed → Located of one that is not the oldest: the count and the latest Located, one write.
    await setStatus(t.db, a, 'Completed', 4);
    expect(await writesOf((trx) => setStatus(trx, a, 'Located', 5))).toEqual({ stage: 2, campaign: 1 });
    // The oldest unfinished finishes: the next oldest is probed for, and written with the count.
    expect(await writesOf((trx) => setStatus(trx, oldest, 'Failed', 6))).toEqual({ stage: 2, campaign: 1 });
    const row = await t.db('submission_rollups').where({ stage_id: stage, campaign_id: campaign }).first();
    expect(row.unfinished).toBe(1);
    expect(Number(row.last_located_id)).toBe(a);
    expect(Number(row.oldest_unfinished_id)).toBeGreaterThan(a);
  });

  it('keeps rows equal to a recount through random changes, moves and deletes', async () => {
    let x = 11;
    const r = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const statuses = ['New', 'Idle', 'Running', 'Held', 'Completed', 'Located', 'Failed', 'Removed'];
    const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
    const other = await makeStage(t.db, {});
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await insert(t.db, r() * 40, pick(statuses)));
    for (let i = 0; i < 300; i++) {
      const id = pick(ids);
      const roll = r();
      if (roll < 0.75) await setStatus(t.db, id, pick(statuses), 40 + r() * 10);
      else if (roll < 0.85)
        await t
          .db('submissions')
          .where('submission_id', id)
          .update({ created_at: new Date(t0 + r() * 40 * HOUR) });
      else if (roll < 0.93)
        await t
          .db('submissions')
          .where('submission_id', id)
          .update(
            r() < 0.5
              ? { stage_id: other.stage.stage_id, campaign_id: other.campaign.campaign_id }
              : { campaign_id: null },
          );
      else {
        await t.db('submissions').where('submission_id', id).delete();
        ids.splice(ids.indexOf(id), 1);
        ids.push(await insert(t.db, r() * 40, pick(statuses)));
      }
    }
    // A stage row left without submissions says nothing is unfinished or Located there.
    expect(
      await t
        .db('submission_rollups')
        .where('submissions', 0)
        .where((q) =>
          q
            .where('unfinished', '<>', 0)
            .orWhereNotNull('oldest_unfinished_id')
            .orWhereNotNull('last_located_id'),
        ),
    ).toEqual([]);
    const kept = await rollups(t.db);
    expect(kept.stages.some((s) => Number(s.unfinished) > 0 && s.last_located_id !== null)).toBe(true);
    await t.db.raw('select poms_rebuild_rollups()');
    expect(kept).toEqual(await rollups(t.db));
  });
});
