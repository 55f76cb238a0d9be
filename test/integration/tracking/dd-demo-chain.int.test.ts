import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionStore, type SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { MetacatDataHandling } from '../../../src/services/data/metacat-data-handling.js';
import { metacatSubmission } from '../../../src/services/data/metacat/metacat-submission.js';
import { timeWindow } from '../../../src/services/reports/time-window.js';
import { seedDdDemo, DD_DEMO_CAMPAIGN } from '../../../src/services/demo/dd-demo.js';
import {
  DD_DEMO_DATASET,
  DD_DEMO_EXPERIMENT as EXP,
  DD_DEMO_FIRST_PASS_FAILURES,
} from '../../../src/sim/index.js';
import { DD_DEMO_FILES } from '../../../src/sim/demo/dd-demo-world.js';
import { countsOf, identityProblems, mqlAttributionMap, sumCounts } from '../../helpers/number-invariants.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';
import { chainDriver } from './chain-driver.js';

// The dd_demo chain (issue 19) on the simulator, over real HTTP: experiment dune on MetaCat; reco
// launches on a Data Dispatcher project of dune:dd_demo_raw that its jobs consume → Located once every attributed output has a Rucio
// replica → a recovery of exactly the failed files from the DD handle states → ana on reco's
// outputs (a children(...) named query) → Located; then the numbers invariant over all of it
// (test/helpers/number-invariants.ts).
describe('the dd_demo chain end to end', () => {
  let h: SimHarness;
  const { subs, history, stageId, runUntil } = chainDriver(() => h, DD_DEMO_CAMPAIGN);
  const ids = { reco: 0, ana: 0 };
  const run = { reco: {} as SubmissionRow, recovery: {} as SubmissionRow, ana: {} as SubmissionRow };
  let rawNames: string[] = [];
  beforeAll(async () => {
    h = await startSimHarness();
    expect(await seedDdDemo(h.testDb.db)).toEqual([DD_DEMO_CAMPAIGN]);
    ids.reco = await stageId('reco');
    ids.ana = await stageId('ana');
    rawNames = (await h.services.fife.metacat!.query(`files from ${DD_DEMO_DATASET}`)).map((f) => f.name);
  });
  afterAll(async () => h?.close());
  const dd = () => h.services.fife.dataDispatcher!;
  const producer = async () => (await h.services.identity.loadUser('producer', { experiment: EXP }))!;
  const handlesOf = async (s: SubmissionRow) =>
    (await dd().project(Number(s.dd_project_id)))!.handles!.map((x) => x.name).sort();

  it('launches reco on a Data Dispatcher project of its dataset', async () => {
    const out = await h.services.launchActions.launch(await producer(), ids.reco, {}, EXP);
    expect(out.kind).toBe('launched');
    await h.services.runner.idle();
    run.reco = (await subs()).find(
      (s) => s.submission_id === (out as { submissionId: number }).submissionId,
    )!;
    expect(run.reco.project).toBeNull();
    const project = (await dd().project(Number(run.reco.dd_project_id)))!;
    expect(project.attributes).toMatchObject({ poms_submission_id: run.reco.submission_id });
    expect(await handlesOf(run.reco)).toEqual([...rawNames].sort());
    // The jobs got it through the launch's environment (the simulator's fife_launch names it).
    const { text: log } = await submissionStore(h.testDb.db).log(run.reco.submission_id);
    expect(log).toContain(`fife_launch: Data Dispatcher project ${run.reco.dd_project_id}\n`);
    // The submission page (and its JSON twin) names the project; recoveries are offered from it.
    const page = await h.services.submissionPages.get(await producer(), EXP, run.reco.submission_id);
    expect(page.sam).toMatchObject({ project: null, dd_project_id: Number(run.reco.dd_project_id) });
    expect(page.recovery_types.length).toBeGreaterThan(0);
  });

  it(
    'is Located via Rucio, recovers exactly the failed files from DD states, then runs ana on the outputs',
    { timeout: 300_000 },
    async () => {
      await runUntil(async () =>
        (await subs()).some((s) => s.stage_id === ids.ana && s.status === 'Located'),
      );
      const all = await subs();
      run.reco = all.find((s) => s.submission_id === run.reco.submission_id)!;
      expect(await history(run.reco.submission_id)).toEqual([
        'New',
        'Idle',
        'Running',
        'Completed',
        'Located',
      ]);
      // completion_pct 100: Located once every input done has its outputs replicated in Rucio.
      expect(run.reco).toMatchObject({ files_consumed: 18, files_located: 18, located_reason: 'threshold' });

      const recoveries = all.filter((s) => s.parent_submission_id === run.reco.submission_id);
      expect(recoveries).toHaveLength(1);
      run.recovery = recoveries[0];
      expect(run.recovery.recovery_type).toBe('consumed_status');
      expect(run.recovery.dataset).toMatch(
        new RegExp(`^${EXP}:poms_recover_[0-9a-f]+_${run.reco.submission_id}_0$`),
      );
      expect(await handlesOf(run.recovery)).toEqual([...DD_DEMO_FIRST_PASS_FAILURES].sort());
      expect(await history(run.recovery.submission_id)).toEqual([
        'New',
        'Idle',
        'Running',
        'Completed',
        'Located',
      ]);

      const anas = all.filter((s) => s.stage_id === ids.ana);
      expect(anas).toHaveLength(1);
      run.ana = anas[0];
      expect(run.ana.dataset).toBe(`${EXP}:poms_depends_${run.reco.submission_id}_1`);
      expect(run.ana.depends_on_submission_id).toBe(run.reco.submission_id);
      // Every raw file's reco output, the recovery's included.
      expect(await handlesOf(run.ana)).toEqual(rawNames.map((n) => `reco_${n}`).sort());
      expect(run.ana.located_reason).toBe('complete');
      expect(all).toHaveLength(3);
    },
  );

  it('keeps the numbers invariant: identities, sums, and each output counted for exactly one submission', async () => {
    const user = await producer();
    const w = timeWindow({ tdays: 30 }, new Date(Date.now() + 86_400_000));
    const page = { page: 1, pageSize: 50 };
    for (const stage of [ids.reco, ids.ana]) {
      const report = await h.services.fileReports.stage(user, EXP, stage, w, page, true);
      const rows = report.rows.items.map((r) => r.counts!);
      expect(rows.every(Boolean), JSON.stringify(report.rows.items)).toBe(true);
      for (const r of report.rows.items) {
        expect(identityProblems(`#${r.submission_id}`, r.counts!)).toEqual([]);
        expect(r.counts!.outputsDeclared).toBeLessThanOrEqual(r.counts!.consumed);
      }
      expect(identityProblems(`stage ${stage}`, report.totals.counts)).toEqual([]);
      expect(countsOf(report.totals.counts)).toEqual(sumCounts(rows));
    }
    const reco = await h.services.fileReports.stage(user, EXP, ids.reco, w, page, false);
    const byId = new Map(reco.rows.items.map((r) => [r.submission_id, r.counts!]));
    expect(byId.get(run.reco.submission_id)).toMatchObject({
      submitted: DD_DEMO_FILES,
      consumed: 18,
      failed: 2,
      outputsDeclared: 18,
      outputsLocated: 18,
      pending: 2,
    });
    expect(byId.get(run.recovery.submission_id)).toMatchObject({
      submitted: 2,
      consumed: 2,
      outputsDeclared: 2,
    });
    expect(reco.totals.counts.outputsDeclared).toBe(DD_DEMO_FILES);

    const f = h.services.fife;
    const handling = new MetacatDataHandling(f.metacat!, f.dataDispatcher!, f.rucio!);
    const stageOf = { softwareVersion: 'v1', outputAncestorDepth: 1 };
    const subsOf = [run.reco, run.recovery].map((s) => metacatSubmission(s, stageOf)!);
    const owners = await mqlAttributionMap(handling, subsOf, ['reco_%']);
    expect([...owners].filter(([, who]) => who.length !== 1)).toEqual([]);
    expect([...owners.keys()].sort()).toEqual(rawNames.map((n) => `${EXP}:reco_${n}`).sort());
  });
});
