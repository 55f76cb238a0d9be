import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRun, type DemoRun } from './demo-run.js';
import { getJson, P } from './page-helpers.js';

// Issue 13, list = drill-down: the campaign progress page's figures are the sums of its stages',
// and a stage's "files done" (input files whose outputs are located) is the number its file
// report shows for the same thing (submitted − pending), not a second count of its own.
describe('campaign progress equals its drill-downs', () => {
  let run: DemoRun;
  beforeAll(async () => {
    run = await startDemoRun();
  }, 400_000);
  afterAll(async () => run?.close());

  it('campaign totals are the sums of the stage figures', async () => {
    const prog = (await getJson(run.url, `${P}/campaigns/${run.ids.campaign}/progress`)).json;
    for (const k of ['submitted', 'consumed', 'done', 'pending'] as const)
      expect(prog.totals.files[k], k).toBe(prog.stages.reduce((n: number, s: any) => n + s.files[k], 0));
  });

  it("a stage's files done is its file report's input files with located outputs", async () => {
    // ana has no recoveries: its one submission is the whole family. Progress is read first, before
    // any report view counted anything: wrapup keeps the counts of what just finished.
    const prog = (await getJson(run.url, `${P}/campaigns/${run.ids.campaign}/progress`)).json;
    const ana = prog.stages.find((s: any) => s.stage_id === run.ids.ana);
    const report = (await getJson(run.url, `${P}/stages/${run.ids.ana}/files?refresh=1`)).json;
    const c = report.totals.counts;
    expect(ana.files.submitted).toBe(c.submitted);
    expect(ana.files.done, `progress ${ana.files.done} done, report ${c.pending} pending`).toBe(
      c.submitted - c.pending,
    );
    expect(ana.files.pending).toBe(c.pending);
  });
});
