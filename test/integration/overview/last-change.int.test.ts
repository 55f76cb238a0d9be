import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileCountReadModel } from '../../../src/db/read-models/file-count-read-model.js';
import { overviewReadModel } from '../../../src/db/read-models/overview-read-model.js';
import { submissionStore, type SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { fileAccounting, countColumns } from '../../../src/domain/files/file-accounting.js';
import { changeStatus } from '../../../src/services/submissions/submission-status-service.js';
import { applyJobCounts } from '../../../src/services/tracking/apply-job-counts.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const MIN = 60_000;

// Issue 13 ("the overview's last change is the poller's time for every campaign"): Lens gives no
// event times, so a campaign's "last change" is when POMS first saw one of its submissions change
// status (its latest history row). A poll that only refreshes job counts, a status the machine
// refuses as unchanged, or a file recount of the campaign moves nothing; another campaign's change
// moves only that campaign.
describe("the overview's last change", () => {
  let t: TestDb;
  const t0 = Date.parse('2026-12-01T10:00:00Z');
  const ids = { a: { campaign: 0, sub: 0 }, b: { campaign: 0, sub: 0 } };
  const at = (ms: number) => vi.setSystemTime(ms);

  const lastChanges = async () => {
    const page = await overviewReadModel(t.db).list(
      { experiment: 'samdev', state: 'all', sort: 'name', dir: 'asc' },
      0,
      new Date(t0 - 24 * 60 * MIN),
      new Date(t0 - 24 * 60 * MIN),
      { page: 1, pageSize: 50 },
    );
    const of = (c: number) => page.items.find((r) => r.campaign_id === c)?.last_change;
    return { a: new Date(of(ids.a.campaign)!).getTime(), b: new Date(of(ids.b.campaign)!).getTime() };
  };
  /** The latest status-history row of a campaign's submissions. */
  const latestHistory = async (campaign: number) =>
    new Date(
      (
        await t
          .db('submission_history as h')
          .join('submissions as s', 's.submission_id', 'h.submission_id')
          .where('s.campaign_id', campaign)
          .max({ at: 'h.created_at' })
          .first()
      )?.at,
    ).getTime();

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    t = await createTestDb({ seed: true });
    at(t0);
    for (const k of ['a', 'b'] as const) {
      const { campaign, stage, creatorId } = await makeStage(t.db, {});
      const sub = await submissionStore(t.db).create(
        {
          stage_id: stage.stage_id,
          experiment: 'samdev',
          campaign_id: campaign.campaign_id,
          project: `p_${k}`,
        },
        'New',
        { kind: 'person', experimenterId: creatorId },
      );
      ids[k] = { campaign: campaign.campaign_id, sub: sub.submission_id };
    }
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t?.destroy();
  });

  it('moves for the campaign whose submission changed status, and only for it', async () => {
    at(t0 + 10 * MIN);
    await changeStatus(t.db, ids.a.sub, { requested: 'Idle', actor: 'poller' });
    expect(await lastChanges()).toEqual({ a: t0 + 10 * MIN, b: t0 });
  });

  it('stays where it is through polls that change no status and through file recounts', async () => {
    at(t0 + 20 * MIN);
    const b = (await t.db<SubmissionRow>('submissions').where({ submission_id: ids.b.sub }).first())!;
    // The poller's reading: same status, new job counts.
    await applyJobCounts(t.db, b, { status: null, pct: 10, extra: { jobs_total: 5, jobs_idle: 5 } });
    // A status the machine refuses as unchanged.
    await changeStatus(t.db, ids.a.sub, { requested: 'Idle', actor: 'poller' });
    const counts = fileAccounting({
      summary: { files_in_snapshot: 10, file_counts: { consumed: 4 } },
      outputsDeclared: 4,
      outputsLocated: 4,
      inputsWithOutputsLocated: 4,
    });
    await fileCountReadModel(t.db).save(
      [ids.a.sub, ids.b.sub].map((id) => ({ submissionId: id, counts, columns: countColumns(counts) })),
      new Date(),
    );
    expect(await lastChanges()).toEqual({ a: t0 + 10 * MIN, b: t0 });
  });

  it("is the campaign's latest status-history row", async () => {
    at(t0 + 30 * MIN);
    await changeStatus(t.db, ids.b.sub, { requested: 'Running', actor: 'poller' });
    const seen = await lastChanges();
    expect(seen).toEqual({ a: t0 + 10 * MIN, b: t0 + 30 * MIN });
    expect(seen.a).toBe(await latestHistory(ids.a.campaign));
    expect(seen.b).toBe(await latestHistory(ids.b.campaign));
  });
});
