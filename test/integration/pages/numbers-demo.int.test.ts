import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { TOTALS_MEANING } from '../../../src/domain/files/file-accounting.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { api } from '../../helpers/browser-like-client.js';
import {
  attributionMap,
  countsOf,
  identityProblems,
  projectRows,
  sumCounts,
} from '../../helpers/number-invariants.js';
import { startDemoRun, type DemoRun } from './demo-run.js';
import { getJson, P, signedIn } from './page-helpers.js';

// Issue 13, "Done when": launch reco, let it and its recovery finish, launch reco again on the same
// dataset. The first submission's counts do not change, no submission declares more outputs than it
// consumed inputs, each output belongs to exactly one submission, and the stage and campaign pages
// show distinct totals. All through HTTP on the simulator.
describe('numbers you can trust: a re-run of the demo reco stage', () => {
  let run: DemoRun;
  const files = async (stage: number) =>
    (await getJson(run.url, `${P}/stages/${stage}/files?refresh=1`)).json;
  const byId = (report: any) =>
    new Map<number, any>(report.rows.items.map((r: any) => [r.submission_id, r.counts]));
  let before: Map<number, any>;
  let rerunId: number;

  beforeAll(async () => {
    run = await startDemoRun();
    before = byId(await files(run.ids.reco));
    const launched = await api(run.url, 'POST', `/api/v1${P}/stages/${run.ids.reco}/launch`, {
      user: 'producer',
      body: {},
    });
    expect(launched.status, JSON.stringify(launched.json)).toBe(201);
    rerunId = launched.json.submissionId;
    const { h } = run;
    const db = h.testDb.db;
    const active = async () =>
      (await db<SubmissionRow>('submissions').whereNotIn('status', ['Located', 'Removed', 'LaunchFailed']))
        .length;
    await h.services.runner.idle();
    for (let i = 0; (await active()) > 0; i++) {
      if (i > 600) throw new Error('the re-run did not finish');
      h.sim.clock.advance(30_000);
      await h.services.runner.idle();
      await pollLens(h.services.tracking!);
      await wrapUp(h.services.tracking!);
      await h.services.runner.idle();
    }
  }, 400_000);
  afterAll(async () => run?.close());

  // First: the list is the first view after the re-run, so its numbers are not counted yet.
  it('the submissions list shows the Available output each submission page shows', async () => {
    const list = (await getJson(run.url, `${P}/stages/${run.ids.reco}/submissions`)).json;
    const rows: any[] = list.rows.items;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      const page = (await getJson(run.url, `${P}/submissions/${r.submission_id}/files`)).json;
      expect(r.output.count, `#${r.submission_id}`).toBe(page.row.counts.outputsLocated);
    }
    // The stage page's Recent launches show the same cached number (the issue saw 85 for 40 inputs).
    const stage = (await getJson(run.url, `${P}/stages/${run.ids.reco}/page`)).json;
    expect(stage.overview.recent.length).toBeGreaterThanOrEqual(3);
    for (const r of stage.overview.recent) {
      const page = (await getJson(run.url, `${P}/submissions/${r.submission_id}/files`)).json;
      expect(r.output.count, `recent #${r.submission_id}`).toBe(page.row.counts.outputsLocated);
      expect(r.output.count).toBeLessThanOrEqual(page.row.counts.consumed);
    }
    const producer = await signedIn(run.url, 'producer');
    const html = (await producer.get(`${P}/stages/${run.ids.reco}/submissions`)).body;
    expect(html).not.toMatch(/>list</);
    // One footer, in submissions: the rows on the page, of the top-level ones in the window.
    const shown = (html.match(/<tr data-submission=/g) ?? []).length;
    const top = rows.filter((r) => r.depth === 0).length;
    expect(html).toContain(
      `${shown} submissions on this page, of ${top} top-level submission${top === 1 ? '' : 's'} in the window`,
    );
    expect(html).not.toMatch(/class="poms-count">\d+ rows?</);
  });

  it('leaves the first submission’s counts as they were before the re-run', async () => {
    const after = byId(await files(run.ids.reco));
    const first = run.subs.reco.submission_id;
    expect(after.get(first)).toEqual(before.get(first));
    expect(after.get(run.subs.recovery.submission_id)).toEqual(before.get(run.subs.recovery.submission_id));
    expect(before.get(first)).toMatchObject({ consumed: 37, outputsDeclared: 37 });
    expect(after.get(rerunId)).toMatchObject({ submitted: 40 });
    // Inputs are counted per submission, from its own project: the re-run's outputs of the three
    // files #1 failed are the re-run's, so #1 still has them Pending, and the stage's input
    // columns are the sum of each submission's own (40 + 3 + 40), nothing merged or taken twice.
    expect(after.get(first)).toMatchObject({ submitted: 40, failed: 3, pending: 3 });
    const stage = await files(run.ids.reco);
    expect(stage.totals.counts).toMatchObject({ submitted: 83, delivered: 83, failed: 3 });
  });

  it('no submission declares more outputs than it consumed inputs; identities hold', async () => {
    for (const stage of [run.ids.reco, run.ids.ana]) {
      const report = await files(stage);
      for (const r of report.rows.items) {
        expect(r.counts.outputsDeclared, `#${r.submission_id}`).toBeLessThanOrEqual(r.counts.consumed);
        expect(identityProblems(`#${r.submission_id}`, r.counts)).toEqual([]);
      }
      expect(identityProblems(`stage ${stage}`, report.totals.counts)).toEqual([]);
    }
  });

  it('attributes every reco output in SAM to exactly one submission', async () => {
    const sam = run.h.services.fife.sam!;
    const owners = await attributionMap(sam, 'samdev', await projectRows(run.h.testDb.db, 'samdev'));
    const shared = [...owners].filter(([, ids]) => ids.length !== 1);
    expect(shared).toEqual([]);
    const recoOutputs = await sam.listFiles('samdev', "file_name like 'reco_%' and version 'v1'");
    expect(recoOutputs.length).toBe(80); // 37 + 3 (recovery) + 40 (re-run)
    for (const f of recoOutputs) expect(owners.get(f), f).toHaveLength(1);
  });

  it('shows distinct totals on the stage and campaign pages, and says so', async () => {
    const report = await files(run.ids.reco);
    const rows = report.rows.items.map((r: any) => r.counts);
    expect(countsOf(report.totals.counts)).toEqual(sumCounts(rows));
    expect(report.totals.counts.outputsDeclared).toBe(80);
    expect(report.totals.meaning).toBe(TOTALS_MEANING);
    const camp = (await getJson(run.url, `${P}/campaigns/${run.ids.campaign}/files`)).json;
    expect(camp.totals.meaning).toBe(TOTALS_MEANING);
    const reco = camp.stages.find((s: any) => s.stage_id === run.ids.reco);
    expect(reco.counts.outputsDeclared).toBe(80);
    const producer = await signedIn(run.url, 'producer');
    const page = await producer.get(`${P}/stages/${run.ids.reco}/files`);
    expect(page.body).toContain('each output file belongs to exactly one submission');
  });
});
