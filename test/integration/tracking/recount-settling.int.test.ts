import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as countRule from '../../../migrations/20261209010000_add-submission-count-rule.js';
import { ATTRIBUTION_GRACE_MS } from '../../../src/domain/files/attribution.js';
import { fileCountReadModel, FILE_COUNTS_RULE } from '../../../src/db/read-models/file-count-read-model.js';
import { recountSettling, RECOUNT_BATCH } from '../../../src/services/tracking/recount-settling.js';
import { startDemoRun, type DemoRun } from '../pages/demo-run.js';

// A Located submission whose inputs partly failed is recounted until its jobs can declare nothing
// more, not for a day (Pending never reaches 0). Numbers counted before attribution (issue 13) could include other launches' outputs. Migration
// 20261209010000 leaves every cache counted before it marked as counted by the old rule, and wrapup
// recounts those once, in bounded batches, long after they were Located, so progress and the
// overview (which read files_located) stop showing old-rule numbers without anyone opening a report.
describe('wrapup recounts: settling and numbers counted by the old rule', () => {
  let run: DemoRun;
  const db = () => run.h.testDb.db;
  const row = (id: number) => db()('submissions').where({ submission_id: id }).first();
  const counted = () => db()('submissions').whereNotNull('file_counts').orderBy('submission_id');

  beforeAll(async () => {
    run = await startDemoRun();
    // Two days on: every submission is long Located, nothing is settling any more.
    run.h.sim.clock.advance(2 * 86_400_000);
  }, 400_000);
  afterAll(async () => run?.close());

  it('a Located submission with failed inputs settles once counted past the attribution grace', async () => {
    const first = run.subs.reco.submission_id;
    const r = await row(first);
    // reco's first pass: 3 inputs failed (their outputs are the recovery's), so 3 stay Pending.
    expect(r.file_counts).toMatchObject({ pending: 3, outputsDeclared: 37 });
    // Every output located (the locations may have come after its last count in the run).
    await db()('submissions')
      .where({ submission_id: first })
      .update({ file_counts: db().raw(`file_counts || '{"outputsLocated": 37}'`) });
    const located = new Date(r.status_at).getTime();
    const due = async (countedAfterMs: number) => {
      await db()('submissions')
        .where({ submission_id: first })
        .update({ file_counts_at: new Date(located + countedAfterMs) });
      const rows = await fileCountReadModel(db()).settling({ now: new Date(located + 3_600_000), limit: 50 });
      return rows.some((x) => x.submission_id === first);
    };
    // Counted 5 minutes after Located: its jobs' late outputs may still come, so it is due again.
    expect(await due(5 * 60_000)).toBe(true);
    // Counted 16 minutes after: nothing more can change its numbers; Pending 3 stays, no recount.
    expect(await due(ATTRIBUTION_GRACE_MS + 60_000)).toBe(false);
    await db()('submissions')
      .where({ submission_id: first })
      .update({ file_counts_at: r.file_counts_at, file_counts: r.file_counts });
  });

  it('are none once counted by the current rule', async () => {
    const rows = await counted();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.file_counts_rule, `#${r.submission_id}`).toBe(FILE_COUNTS_RULE);
    expect(await fileCountReadModel(db()).oldRule({ limit: 10 })).toEqual([]);
    expect((await recountSettling(run.h.services.tracking!)).counted).toBe(0);
  });

  it('are every counted submission after the migration, each recounted once', async () => {
    const first = run.subs.reco.submission_id;
    const truth = await row(first);
    await countRule.down(db());
    await countRule.up(db());
    // What the old rule stored for reco's first pass: the re-run's outputs too, 80 for 40 inputs.
    await db()('submissions')
      .where({ submission_id: first })
      .update({
        files_located: 40,
        file_counts: db().raw(`file_counts || '{"outputsDeclared": 80, "outputsLocated": 80, "pending": 0}'`),
      });
    const marked = (await counted()).map((r) => r.submission_id);
    const old = await fileCountReadModel(db()).oldRule({ limit: 100 });
    expect(old.map((r) => r.submission_id).sort()).toEqual(marked);

    const pass = await recountSettling(run.h.services.tracking!);
    expect(pass.counted).toBe(marked.length);
    expect(pass.counted).toBeLessThanOrEqual(RECOUNT_BATCH);
    const after = await row(first);
    expect(after!.files_located).toBe(truth!.files_located);
    expect(after!.file_counts).toEqual({ ...truth!.file_counts });
    expect((after!.file_counts as { outputsDeclared: number }).outputsDeclared).toBe(37);
    expect(after!.file_counts_rule).toBe(FILE_COUNTS_RULE);
    // Once: the next pass has nothing to recount.
    expect((await recountSettling(run.h.services.tracking!)).counted).toBe(0);
  });
});
