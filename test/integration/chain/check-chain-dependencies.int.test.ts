import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRun, type DemoRun } from '../pages/demo-run.js';
import { checkChainOf, EXP } from './chain-fixture.js';

// The demo scenario run to its end (reco, its recovery, ana on reco's outputs): what Check chain
// says the dependency selects of reco's outputs is what the dependent launch of ana was given.
describe('Check chain counts of a dependency', () => {
  let run: DemoRun;
  beforeAll(async () => {
    run = await startDemoRun();
  }, 300_000);
  afterAll(async () => run?.close());

  it("equals the files of the downstream launch's poms_depends dataset, and defines nothing", async () => {
    const report = await checkChainOf(run.h, run.url, run.ids.campaign);
    const dep = report.dependencies.find((d) => d.upstream === 'reco' && d.downstream === 'ana')!;
    const ana = run.subs.ana;
    expect(ana.dataset).toMatch(/^poms_depends_\d+_1$/);
    const delivered = await run.h.services.fife.sam!.countFiles(EXP, `defname: ${ana.dataset}`);
    expect(delivered).toBeGreaterThan(0);
    expect(dep.files).toBe(delivered);
    expect(dep.basis).toBe('outputs of its 2 latest submission(s) with a SAM project');
    expect(report.warnings.filter((w) => w.kind === 'zero_match')).toEqual([]);
  });
});
