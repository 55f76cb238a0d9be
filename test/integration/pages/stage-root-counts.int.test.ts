import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionListReadModel } from '../../../src/db/read-models/submission-list-read-model.js';
import { statementsRead } from '../../helpers/rows-read.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { seedCausedSubmissions } from './caused-submissions.js';

const HOUR = 3_600_000;

/** Per stage: its submissions whose cause (recovery parent, else dependency) is not in the stage. */
async function liveRoots(db: Knex): Promise<Record<number, number>> {
  const rows = await db.raw(`
    select u.stage_id, count(*)::int as n from submissions u
    where not exists (select 1 from submissions p
      where p.submission_id = coalesce(u.parent_submission_id, u.depends_on_submission_id) and p.stage_id = u.stage_id)
    group by u.stage_id`);
  return Object.fromEntries(rows.rows.map((r: { stage_id: number; n: number }) => [r.stage_id, r.n]));
}

/** The kept counts, stages with none left out. */
async function keptRoots(db: Knex): Promise<Record<number, number>> {
  const rows = await db('stage_root_counts').where('n', '>', 0).select('stage_id', 'n');
  return Object.fromEntries(rows.map((r) => [r.stage_id, r.n]));
}

// A stage's whole-life list counts its top-level submissions from `stage_root_counts` (kept by
// triggers) instead of anti-joining the stage's whole history at every request. The kept counts
// must equal the live count after launches, recoveries, dependency launches, a re-parenting, a
// cause moved to another stage, deletions (one, and a cause with what it caused in one statement)
// and a rebuild; and the list's total must equal the count over the window, whole life or not.
describe('stage root counts', () => {
  let t: TestDb;
  let upstream: number;
  let downstream: number;
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);

  async function compare() {
    expect(await keptRoots(t.db)).toEqual(await liveRoots(t.db));
  }

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    ({ upstream, downstream } = await seedCausedSubmissions(t.db, { originals: 24, spacingHours: 4, now }));
  });
  afterAll(async () => t?.destroy());

  it('equal the live count after launches, recoveries and dependency launches', async () => {
    const kept = await keptRoots(t.db);
    // upstream: 24 originals (8 recoveries under them); downstream: 12 dependency launches (6 recoveries).
    expect(kept).toEqual({ [upstream]: 24, [downstream]: 12 });
    await compare();
  });

  it("a stage's list total equals the count over its window, whole life or part of it", async () => {
    const rm = submissionListReadModel(t.db);
    const windows = [
      { from: new Date(0), to: new Date(now + HOUR) },
      { from: at(50), to: new Date(now + HOUR) },
      { from: at(98.5), to: at(10) },
    ];
    for (const stageId of [upstream, downstream])
      for (const range of windows) {
        const live = await t.db.raw(
          `select count(*)::int as n from submissions u where u.stage_id = ? and u.created_at >= ? and u.created_at < ?
             and not exists (select 1 from submissions p where p.submission_id = coalesce(u.parent_submission_id, u.depends_on_submission_id)
               and p.stage_id = ? and p.created_at >= ? and p.created_at < ?)`,
          [stageId, range.from, range.to, stageId, range.from, range.to],
        );
        for (const page of [1, 99]) {
          const p = await rm.roots(
            'samdev',
            { kind: 'stage', id: stageId },
            range,
            { by: 'created', dir: 'desc' },
            { page, pageSize: 5 },
          );
          expect(p.total, `${stageId} ${range.from.toISOString()} page ${page}`).toBe(live.rows[0].n);
        }
      }
    // Another experiment's stage is counted over the window (none), not from the kept count.
    const other = await submissionListReadModel(t.db).roots(
      'otherexp',
      { kind: 'stage', id: upstream },
      windows[0],
      { by: 'created', dir: 'desc' },
      { page: 99, pageSize: 5 },
    );
    expect(other.total).toBe(0);
  });

  it('the whole-life count reads the kept count, not the stage history', async () => {
    const read = await statementsRead(t.db, () =>
      submissionListReadModel(t.db).roots(
        'samdev',
        { kind: 'stage', id: upstream },
        { from: new Date(0), to: new Date(now + HOUR) },
        { by: 'created', dir: 'desc' },
        { page: 300, pageSize: 5 },
      ),
    );
    // A page past the end of the list (the count alone).
    expect(read).toHaveLength(1);
    // The stage, its oldest and newest submission and its kept count: one row each.
    expect(read[0].rows, read[0].scans.join('\n')).toBeLessThanOrEqual(4);
  });

  it('stay equal after a re-parenting, a cause moved to another stage and deletions', async () => {
    // A downstream recovery re-parented onto an upstream submission: now a root of downstream.
    const rec = await t
      .db('submissions')
      .where({ stage_id: downstream })
      .whereNotNull('parent_submission_id')
      .first();
    await t
      .db('submissions')
      .where('submission_id', rec.submission_id)
      .update({ parent_submission_id: rec.depends_on_submission_id });
    await compare();
    // An upstream original with dependents moves downstream: its dependents are no longer roots.
    const cause = await t.db('submissions').where('submission_id', rec.depends_on_submission_id).first();
    await t.db('submissions').where('submission_id', cause.submission_id).update({ stage_id: downstream });
    await compare();
    // A lone submission deleted; then a cause and everything it caused, in one statement.
    const lone = await t
      .db('submissions')
      .whereRaw(
        `not exists (select 1 from submissions c where c.parent_submission_id = submissions.submission_id
           or c.depends_on_submission_id = submissions.submission_id)`,
      )
      .first('submission_id');
    await t.db('submissions').where('submission_id', lone.submission_id).delete();
    await compare();
    const family = await t
      .db('submissions')
      .where('submission_id', cause.submission_id)
      .orWhere('parent_submission_id', cause.submission_id)
      .orWhere('depends_on_submission_id', cause.submission_id)
      .pluck('submission_id');
    const caused = await t.db('submissions').whereIn('parent_submission_id', family).pluck('submission_id');
    await t
      .db('submissions')
      .whereIn('submission_id', [...family, ...caused])
      .delete();
    await compare();
  });

  it('a rebuild from scratch gives the counts the triggers kept', async () => {
    const before = await keptRoots(t.db);
    await t.db.raw('select poms_rebuild_stage_roots()');
    expect(await keptRoots(t.db)).toEqual(before);
    await compare();
  });
});
