import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  submissionListReadModel,
  type SubmissionSort,
} from '../../../src/db/read-models/submission-list-read-model.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const STATUSES = ['Running', 'Located', 'Failed', 'Held', 'Completed'];

// Deep pages of a long list are read from the far end; every page must still hold exactly the rows
// the plain ordered list has at its place, for every sort and direction, with the right total.
describe('a long whole-life list pages exactly, deep pages included', () => {
  let t: TestDb;
  let stageId: number;
  const range = { from: new Date(0), to: new Date(Date.now() + 3_600_000) };
  let rootIds: number[];

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    const { stage, campaign, creatorId } = await makeStage(t.db, {});
    stageId = stage.stage_id;
    const now = Date.now();
    const rows = Array.from({ length: 1234 }, (_, i) => ({
      stage_id: stage.stage_id,
      campaign_id: campaign.campaign_id,
      experiment: 'samdev',
      creator: creatorId,
      status: STATUSES[(i * 7) % STATUSES.length],
      // Ties on purpose: every created_at is shared by three submissions.
      created_at: new Date(now - Math.floor(i / 3) * 60_000),
    }));
    const ids: Array<{ submission_id: number }> = await t
      .db('submissions')
      .insert(rows)
      .returning('submission_id');
    rootIds = ids.map((r) => r.submission_id);
    // Recoveries of some roots: listed under them, never as roots.
    await t.db('submissions').insert(
      rootIds.slice(0, 40).map((p) => ({
        stage_id: stage.stage_id,
        campaign_id: campaign.campaign_id,
        experiment: 'samdev',
        status: 'Running',
        parent_submission_id: p,
        launch_kind: 'recovery',
      })),
    );
  });
  afterAll(async () => t?.destroy());

  for (const [by, dir] of [
    ['created', 'desc'],
    ['id', 'asc'],
    ['status', 'asc'],
    ['status', 'desc'],
  ] as Array<[SubmissionSort, 'asc' | 'desc']>)
    it(`sort ${by} ${dir}`, async () => {
      const rm = submissionListReadModel(t.db);
      const col = { created: 'created_at', id: 'submission_id', status: 'status' }[by as string]!;
      const expected = (await t
        .db('submissions')
        .where({ stage_id: stageId })
        .whereNull('parent_submission_id')
        .orderBy([
          { column: col, order: dir },
          { column: 'submission_id', order: dir },
        ])
        .pluck('submission_id')) as number[];
      expect(expected).toHaveLength(rootIds.length);
      const seen: number[] = [];
      for (let page = 1; page <= 13; page++) {
        const p = await rm.roots(
          'samdev',
          { kind: 'stage', id: stageId },
          range,
          { by, dir },
          { page, pageSize: 100 },
        );
        expect(p.total).toBe(1234);
        expect(p.pages).toBe(13);
        seen.push(...p.items.map((r) => r.submission_id));
        expect(p.items.every((r) => Array.isArray(r.history))).toBe(true);
      }
      expect(seen).toEqual(expected);
      const past = await rm.roots(
        'samdev',
        { kind: 'stage', id: stageId },
        range,
        { by, dir },
        { page: 14, pageSize: 100 },
      );
      expect(past.items).toEqual([]);
    });
});
