import { describe, expect, it } from 'vitest';
import {
  allKidsDims,
  consumedStatusRecoveryDims,
  dependencyDefinitionName,
  dependencyDims,
  locatedCheckDims,
  recoveryDefinitionName,
  type SamSubmissionContext,
} from '../../../../src/domain/files/sam-dims.js';
import { samTotals } from '../../../../src/domain/files/sam-totals.js';
import { lensStatus } from '../../../../src/domain/submissions/lens-status.js';
import { lensSubmissionAt } from '../../../../src/sim/lens/lens-view.js';
import { projectSummary } from '../../../../src/sim/sam/projects/project-summary.js';
import type { SimWorld } from '../../../../src/sim/world/sim-world.js';
import { advanceUntil, clusterOf, manualWorld, MINUTE, pomsEnv, shim, T0 } from './sim-test-world.js';

/** Launches like POMS's demo job type does and runs the submission to the end. */
async function launchAndRun(
  world: SimWorld,
  clock: Parameters<typeof advanceUntil>[0],
  sid: number,
  stage: string,
  dataset: string,
) {
  const r = await shim(
    world,
    'fife_launch',
    ['-c', 'demo.cfg', `-Oglobal.dataset=${dataset}`, '-Oglobal.version=v1', '-Oglobal.njobs=8'],
    pomsEnv(sid, stage),
  );
  expect(r.exitCode).toBe(0);
  const sub = world.batch.submission(clusterOf(r.stdout))!;
  const statuses = new Set<string | null>();
  advanceUntil(clock, () => {
    const v = lensSubmissionAt(world, sub, world.now())!;
    statuses.add(lensStatus(v));
    return v.done;
  });
  return { sub, statuses, stdout: r.stdout };
}

describe('demo scenario (external-apis.md 6.6) on the world', () => {
  it('reco: 37 consumed, 3 failed, all jobs exit 0; recovery processes the 3; the dependency finds 40', async () => {
    const { world, clock } = manualWorld({ demo: true });
    const sam = world.sam('samdev');
    const created101 = new Date(T0 - 1000);
    const reco = await launchAndRun(world, clock, 101, 'reco', 'demo_raw');
    expect(reco.stdout).toMatch(/^Use job id 5001\.0@sim-schedd01\.example to retrieve output$/m);
    expect([...reco.statuses]).toEqual(expect.arrayContaining(['Idle', 'Running', 'Completed']));
    const lens = lensSubmissionAt(world, reco.sub, world.now())!;
    expect(lens).toMatchObject({ completed: 8, failed: 0, cancelled: 0, done: true });

    const p101 = reco.sub.project!;
    expect(p101).toMatch(/^demo_raw_samdevpro_\d{14}_[0-9a-f]{6}$/);
    const summary = projectSummary(sam.projects.get(p101)!, 0);
    expect(summary).toMatchObject({
      project_status: 'completed',
      dataset_def_name: 'demo_raw',
      files_in_snapshot: 40,
    });
    expect(samTotals(summary)).toMatchObject({ consumed: 37, failed: 3, jobs: 8, jobFails: 0 });

    // outputs are declared with parents now and located later
    const ctx101: SamSubmissionContext = {
      project: p101,
      softwareVersion: 'v1',
      created: created101,
      outputAncestorDepth: 1,
    };
    const count = (dims: string) => sam.query(dims).length;
    expect(count(allKidsDims(ctx101, ['reco_%.root'], 'anylocation'))).toBe(37);
    clock.advance(10 * MINUTE);
    expect(count(locatedCheckDims(ctx101, ['reco_%.root']))).toBe(37);
    expect(sam.catalogue.file('reco_raw_run1000_0001.root')).toMatchObject({
      parents: ['raw_run1000_0001.root'],
      application: { version: 'v1' },
    });

    // recovery over the 3 failed files
    const recoverDims = consumedStatusRecoveryDims(p101);
    expect(sam.query(recoverDims).map((f) => f.name)).toEqual([
      'raw_run1000_0007.root',
      'raw_run1000_0019.root',
      'raw_run1000_0031.root',
    ]);
    const recName = recoveryDefinitionName('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 101, 0);
    world.defineDataset('samdev', recName, recoverDims);
    const rec = await launchAndRun(world, clock, 102, 'reco', recName);
    const s102 = samTotals(projectSummary(sam.projects.get(rec.sub.project!)!, 0));
    expect(s102).toMatchObject({ consumed: 3, failed: 0 });
    clock.advance(10 * MINUTE);

    // dependency of ana on reco: every reco output of 101 and its recovery
    const depName = dependencyDefinitionName(101, 1);
    world.defineDataset('samdev', depName, dependencyDims(ctx101, 'reco_%.root'));
    expect(sam.queryDefinition(depName)).toHaveLength(40);
    const ana = await launchAndRun(world, clock, 103, 'ana', depName);
    expect(samTotals(projectSummary(sam.projects.get(ana.sub.project!)!, 0))).toMatchObject({
      consumed: 40,
      failed: 0,
    });
    expect(sam.catalogue.file('ana_reco_raw_run1000_0007.root')?.parents).toEqual([
      'reco_raw_run1000_0007.root',
    ]);
  });

  it('replays identically with the same seed, and differently with another', async () => {
    const run = async (seed: number) => {
      const { world, clock } = manualWorld({ demo: true, seed });
      const { sub } = await launchAndRun(world, clock, 101, 'reco', 'demo_raw');
      const p = world.sam('samdev').projects.get(sub.project!)!;
      return { project: p.name, delivered: p.processes.map((x) => x.delivered), end: world.now() };
    };
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect((await run(7)).project).not.toBe(a.project);
  });
});
