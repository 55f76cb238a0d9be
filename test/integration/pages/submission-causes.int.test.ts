import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../../src/domain/pagination/keyset-cursor.js';
import {
  KEYSET_SORTS,
  submissionListReadModel,
  type SubmissionSort,
} from '../../../src/db/read-models/submission-list-read-model.js';
import type { SubmissionScope, TimeRange } from '../../../src/db/read-models/submission-rows-read-model.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { seedCausedSubmissions } from './caused-submissions.js';

const HOUR = 3_600_000;

/** Rows whose kept cause columns differ from their cause's live stage, campaign and creation time. */
async function stale(db: Knex): Promise<number[]> {
  const r = await db.raw(`
    select u.submission_id from submissions u
      left join submissions p on p.submission_id = coalesce(u.parent_submission_id, u.depends_on_submission_id)
    where u.cause_stage_id is distinct from p.stage_id or u.cause_campaign_id is distinct from p.campaign_id
      or u.cause_created_at is distinct from p.created_at
    order by 1`);
  return r.rows.map((x: { submission_id: string }) => Number(x.submission_id));
}

/** The roots of a scope and window by their definition: no cause listed in the same scope and window. */
async function liveRoots(db: Knex, scope: SubmissionScope, range: TimeRange): Promise<number[]> {
  const col = scope.kind === 'stage' ? 'stage_id' : 'campaign_id';
  const r = await db.raw(
    `select u.submission_id from submissions u where u.${col} = ? and u.created_at >= ? and u.created_at < ?
       and not exists (select 1 from submissions p where p.submission_id = coalesce(u.parent_submission_id, u.depends_on_submission_id)
         and p.${col} = ? and p.created_at >= ? and p.created_at < ?)
     order by 1`,
    [scope.id, range.from, range.to, scope.id, range.from, range.to],
  );
  return r.rows.map((x: { submission_id: string }) => Number(x.submission_id));
}

// Each submission keeps its cause's stage, campaign and creation time (migration 20261211010000)
// so a list decides its roots row by row. The kept values must follow every change that moves
// them — a re-parenting, a cause re-dated, moved to another stage or campaign — and the lists, by
// page number and by cursor, must list exactly the roots the definition gives.
describe('submissions keep their cause, and lists pick roots from it', () => {
  let t: TestDb;
  let campaignId: number;
  let stages: number[];
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const windows: TimeRange[] = [
    { from: new Date(0), to: new Date(now + HOUR) },
    { from: at(50), to: new Date(now + HOUR) },
    { from: at(98.5), to: at(10) },
  ];

  /** Every root a list shows, walked by page number and by Next cursor, equals the definition. */
  async function listsAgree() {
    const rm = submissionListReadModel(t.db);
    const scopes: SubmissionScope[] = [
      ...stages.map((id) => ({ kind: 'stage' as const, id })),
      { kind: 'campaign', id: campaignId },
    ];
    for (const scope of scopes)
      for (const range of windows) {
        const want = await liveRoots(t.db, scope, range);
        const sort = { by: 'created' as SubmissionSort, dir: 'desc' as const };
        const byNumber: number[] = [];
        const byCursor: number[] = [];
        let after: string | null = null;
        for (let page = 1; page <= 20; page++) {
          const p = await rm.roots('samdev', scope, range, sort, { page, pageSize: 4 });
          byNumber.push(...p.items.map((r) => Number(r.submission_id)));
          expect(p.total).toBe(want.length);
        }
        for (let page = 1; page <= 20; page++) {
          const p = await rm.roots('samdev', scope, range, sort, {
            page,
            pageSize: 4,
            after: after ? decodeCursor(after, KEYSET_SORTS) : null,
          });
          byCursor.push(...p.items.map((r) => Number(r.submission_id)));
          after = p.next;
          if (!after) break;
        }
        const label = `${scope.kind} ${scope.id} from ${range.from.toISOString()}`;
        expect(
          [...byNumber].sort((a, b) => a - b),
          label,
        ).toEqual(want);
        expect(
          [...byCursor].sort((a, b) => a - b),
          label,
        ).toEqual(want);
      }
  }

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const seeded = await seedCausedSubmissions(t.db, { originals: 16, spacingHours: 6, now });
    campaignId = seeded.campaignId;
    stages = [seeded.upstream, seeded.downstream];
  });
  afterAll(async () => t?.destroy());

  it('are kept on insert, and the lists agree with the definition', async () => {
    const kept = await t.db('submissions').whereNotNull('cause_stage_id').count({ n: '*' }).first();
    expect(Number(kept?.n)).toBe(6 + 8 + 4);
    expect(await stale(t.db)).toEqual([]);
    await listsAgree();
  });

  it('follow a re-parenting, a re-dated cause and a cause moved to another stage or campaign', async () => {
    const [recovery] = await t
      .db('submissions')
      .whereNotNull('parent_submission_id')
      .orderBy('submission_id');
    const originals = await t
      .db('submissions')
      .whereNull('parent_submission_id')
      .whereNull('depends_on_submission_id')
      .orderBy('submission_id');
    // The recovery now recovers a later original (its cause moves into the 50-hour window).
    await t
      .db('submissions')
      .where({ submission_id: recovery.submission_id })
      .update({ parent_submission_id: originals[12].submission_id });
    expect(await stale(t.db)).toEqual([]);
    // A cause re-dated out of the middle window and back; another moved to the other stage.
    await t
      .db('submissions')
      .where({ submission_id: originals[4].submission_id })
      .update({ created_at: at(99) });
    expect(await stale(t.db)).toEqual([]);
    await listsAgree();
    await t
      .db('submissions')
      .where({ submission_id: originals[6].submission_id })
      .update({ stage_id: stages[1] });
    expect(await stale(t.db)).toEqual([]);
    await listsAgree();
    // A cause moved to another campaign (its stage's campaign list no longer lists it).
    const [elsewhere] = await t
      .db('campaigns')
      .insert({ experiment: 'samdev', name: 'elsewhere', creator: originals[0].creator })
      .returning('campaign_id');
    await t
      .db('submissions')
      .where({ submission_id: originals[8].submission_id })
      .update({ campaign_id: elsewhere.campaign_id });
    expect(await stale(t.db)).toEqual([]);
    await listsAgree();
  });

  it('poms_rebuild_submission_causes() fills rows written with triggers off', async () => {
    await t.db.raw('alter table submissions disable trigger user');
    try {
      await t
        .db('submissions')
        .update({ cause_stage_id: null, cause_campaign_id: null, cause_created_at: null });
    } finally {
      await t.db.raw('alter table submissions enable trigger user');
    }
    expect((await stale(t.db)).length).toBe(18);
    await t.db.raw('select poms_rebuild_submission_causes()');
    expect(await stale(t.db)).toEqual([]);
  });
});
