import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressReadModel, type GroupProgressRow } from '../../../src/db/read-models/progress-read-model.js';
import { SUBMISSION_STATUSES } from '../../../src/domain/submissions/status-machine.js';
import { changeStatus } from '../../../src/services/submissions/submission-status-service.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const HOUR = 3_600_000;

/** A small deterministic generator, so a failure reproduces. */
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** Rows with numbers as numbers and times as epoch ms, sorted by group. */
const norm = (rows: GroupProgressRow[]) =>
  rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          v instanceof Date ? v.getTime() : v === null ? null : typeof v === 'string' ? Number(v) : v,
        ]),
      ),
    )
    .sort((a, b) => Number(a.group_id) - Number(b.group_id));

const SUMMED = [
  'files_submitted',
  'files_consumed',
  'files_done',
  'uncounted',
  'submissions',
  'running',
  'held',
  'failed',
  'completed',
  'located',
] as const;
type Figures = Record<(typeof SUMMED)[number] | 'first_created' | 'last_change', number | null>;

/** The live rows of a campaign's stages added up as its campaign_rollups row should be. */
const sumOf = (rows: Array<Record<string, unknown>>): Figures => {
  const times = (k: string) => rows.map((r) => r[k]).filter((v): v is number => typeof v === 'number');
  return {
    ...(Object.fromEntries(SUMMED.map((k) => [k, rows.reduce((n, r) => n + Number(r[k]), 0)])) as Figures),
    first_created: times('first_created').length ? Math.min(...times('first_created')) : null,
    last_change: times('last_change').length ? Math.max(...times('last_change')) : null,
  };
};

/** A campaign_rollups row in sumOf's terms. */
const campaignOf = (row: Record<string, unknown>): Figures => ({
  ...(Object.fromEntries(SUMMED.map((k) => [k, Number(row[k])])) as Figures),
  first_created: row.first_created ? (row.first_created as Date).getTime() : null,
  last_change: row.last_change ? (row.last_change as Date).getTime() : null,
});

const UNFINISHED = ['New', 'Idle', 'Running', 'Held', 'Completed'];
type Sub = { submission_id: number; campaign_id: number | null; stage_id: number; status: string };
type Timed = Sub & { created_at: Date; status_at: Date };

/** Per (campaign, stage): unfinished count, oldest unfinished and latest Located, from the submissions. */
function stallOf(subs: Timed[]) {
  const groups = new Map<string, Timed[]>();
  for (const s of subs) {
    const k = `${s.campaign_id ?? 0}/${s.stage_id}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  return [...groups.entries()]
    .map(([k, g]) => {
      const open = g
        .filter((s) => UNFINISHED.includes(s.status))
        .sort((a, b) => +a.created_at - +b.created_at || a.submission_id - b.submission_id);
      const loc = g
        .filter((s) => s.status === 'Located')
        .sort((a, b) => +b.status_at - +a.status_at || b.submission_id - a.submission_id);
      return {
        key: k,
        unfinished: open.length,
        oldest_unfinished: open[0]?.created_at.getTime() ?? null,
        oldest_unfinished_id: open[0]?.submission_id ?? null,
        last_located: loc[0]?.status_at.getTime() ?? null,
        last_located_id: loc[0]?.submission_id ?? null,
      };
    })
    .filter((r) => r.unfinished > 0 || r.last_located_id !== null)
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The stored stage rows' stall figures in stallOf's terms. */
async function stallRows(db: Knex) {
  const rows = await db('submission_rollups').where('unfinished', '>', 0).orWhereNotNull('last_located_id');
  return rows
    .map((r) => ({
      key: `${r.campaign_id}/${r.stage_id}`,
      unfinished: r.unfinished,
      oldest_unfinished: r.oldest_unfinished?.getTime() ?? null,
      oldest_unfinished_id: r.oldest_unfinished_id === null ? null : Number(r.oldest_unfinished_id),
      last_located: r.last_located?.getTime() ?? null,
      last_located_id: r.last_located_id === null ? null : Number(r.last_located_id),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

// The stored rollups (kept by triggers on every write to submissions) must say exactly what the live
// aggregate over every submission says: after launches, recoveries, status changes through the one
// status service, file counts written later, a campaign's deletion and a bulk rebuild.
describe('submission rollups equal the live aggregate', () => {
  let t: TestDb;
  const campaigns: number[] = [];
  const since = new Date(Date.now() - 24 * HOUR);

  async function compareAll(db: Knex) {
    // Each stage row's stall figures (what stalls read) equal those of its submissions now.
    expect(await stallRows(db)).toEqual(stallOf(await db('submissions').select()));
    const read = progressReadModel(db);
    for (const c of campaigns) {
      const live = norm(await read.byStageLive(c, since));
      expect(norm(await read.byStage(c, since))).toEqual(live);
      // The campaign's row (what the overview and the campaign page read) is its stages' sum.
      // (A row left with no submissions keeps its times, as its stages' rows do.)
      const row = await db('campaign_rollups').where('campaign_id', c).where('submissions', '>', 0).first();
      expect(row ? campaignOf(row) : null).toEqual(live.length ? sumOf(live) : null);
    }
  }

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const r = rng(7);
    for (let c = 0; c < 3; c++) {
      const { campaign, stage, creatorId } = await makeStage(t.db, {});
      const [other] = await t
        .db('stages')
        .insert({
          campaign_id: campaign.campaign_id,
          experiment: 'samdev',
          name: 'merge',
          creator: creatorId,
        })
        .returning('stage_id');
      const originals: number[] = [];
      for (let i = 0; i < 40; i++) {
        const recoveryOf =
          originals.length && r() < 0.3 ? originals[Math.floor(r() * originals.length)] : null;
        const status = SUBMISSION_STATUSES[Math.floor(r() * SUBMISSION_STATUSES.length)];
        const created = new Date(Date.now() - r() * 72 * HOUR);
        const [s] = await t
          .db('submissions')
          .insert({
            stage_id: r() < 0.7 ? stage.stage_id : other.stage_id,
            campaign_id: campaign.campaign_id,
            experiment: 'samdev',
            creator: creatorId,
            created_at: created,
            status,
            status_at: new Date(created.getTime() + r() * HOUR),
            parent_submission_id: recoveryOf,
            launch_kind: recoveryOf ? 'recovery' : 'manual',
            files_submitted: r() < 0.8 ? Math.floor(r() * 50) : null,
            files_consumed: r() < 0.7 ? Math.floor(r() * 60) : null,
            files_located: r() < 0.5 ? Math.floor(r() * 60) : null,
            located_reason:
              status === 'Located' ? (['threshold', 'complete', 'timeout', 'manual'] as const)[i % 4] : null,
          })
          .returning('submission_id');
        if (!recoveryOf) originals.push(s.submission_id);
      }
      campaigns.push(campaign.campaign_id);
    }
  });
  afterAll(async () => t?.destroy());

  it('after inserts of originals and recoveries', async () => {
    await compareAll(t.db);
  });

  it('after status changes through the status service and file counts written later', async () => {
    const open = await t
      .db('submissions')
      .whereIn('status', ['New', 'Idle', 'Running', 'Held'])
      .pluck('submission_id');
    for (const id of open.slice(0, 15)) {
      await changeStatus(t.db, id, { requested: 'Running', actor: 'poller' });
      await changeStatus(t.db, id, { requested: 'Completed', actor: 'poller', pctComplete: 100 });
    }
    const done = await t.db('submissions').where('status', 'Completed').pluck('submission_id');
    for (const id of done.slice(0, 8)) {
      await t
        .db('submissions')
        .where('submission_id', id)
        .update({ files_submitted: 30, files_consumed: 28, files_located: 20 });
      await changeStatus(t.db, id, {
        requested: 'Located',
        actor: 'system',
        extra: { located_reason: 'threshold' },
      });
    }
    await compareAll(t.db);
    // Each stage's oldest unfinished submission finishes, and its latest Located one is moved on an
    // hour then becomes Failed: the next ones take their places.
    const heads = await t
      .db('submission_rollups')
      .where('unfinished', '>', 1)
      .whereNotNull('last_located_id');
    expect(heads.length).toBeGreaterThan(0);
    for (const h of heads) {
      await t.db('submissions').where('submission_id', h.oldest_unfinished_id).update({ status: 'Failed' });
      await t
        .db('submissions')
        .where('submission_id', h.last_located_id)
        .update({ status_at: t.db.raw("status_at + interval '1 hour'") });
      await compareAll(t.db);
      await t.db('submissions').where('submission_id', h.last_located_id).update({ status: 'Failed' });
    }
    await compareAll(t.db);
  });

  it('after a recovery is re-parented, a submission deleted and a campaign deleted', async () => {
    const rec = await t.db('submissions').whereNotNull('parent_submission_id').first('submission_id');
    const orig = await t
      .db('submissions')
      .whereNull('parent_submission_id')
      .orderBy('submission_id', 'desc')
      .first();
    await t
      .db('submissions')
      .where('submission_id', rec.submission_id)
      .update({ parent_submission_id: orig.submission_id });
    const lone = await t
      .db('submissions')
      .whereNull('parent_submission_id')
      .whereNotExists(
        t
          .db('submissions as r')
          .whereRaw('r.parent_submission_id = submissions.submission_id')
          .select(t.db.raw('1')),
      )
      .whereNotExists(
        t
          .db('submissions as d')
          .whereRaw('d.depends_on_submission_id = submissions.submission_id')
          .select(t.db.raw('1')),
      )
      .first('submission_id');
    await t.db('submissions').where('submission_id', lone.submission_id).delete();
    await compareAll(t.db);
    const gone = campaigns[2];
    await t.db('submissions').where('campaign_id', gone).update({ campaign_id: null });
    expect(norm(await progressReadModel(t.db).byStage(gone, since))).toEqual([]);
    await compareAll(t.db);
  });

  it('a rebuild from scratch gives the same rows as the triggers kept', async () => {
    const rows = async () => ({
      stages: (await t.db('submission_rollups').orderBy(['campaign_id', 'stage_id']).select()).filter(
        (r) => r.submissions > 0,
      ),
      campaigns: (await t.db('campaign_rollups').orderBy('campaign_id').select()).filter(
        (r) => r.submissions > 0,
      ),
    });
    const before = await rows();
    expect(before.campaigns.length).toBeGreaterThan(0);
    await t.db.raw('select poms_rebuild_rollups()');
    expect(await rows()).toEqual(before);
    await compareAll(t.db);
  });
});
