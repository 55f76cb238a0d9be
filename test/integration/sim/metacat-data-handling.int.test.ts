import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataDispatcherClient } from '../../../src/adapters/data-dispatcher/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import {
  MetacatDataHandling,
  type MetacatSubmission,
} from '../../../src/services/data/metacat-data-handling.js';
import { rucioEraClients } from '../../helpers/rucio-era-clients.js';
import { startTestSimulator } from '../adapters/sim-fixture.js';

// The MetaCat data handling's semantics on the simulator, over HTTP: a launch's DD project and job
// environment, jobs (DD workers here) finishing and failing files and declaring outputs, Located
// only once every attributed output has a Rucio replica, recovery of the failed files from DD
// states, orphans from provenance, and the next stage's input as a children(...) query, under the
// exact-attribution rule (another submission's outputs and pre-launch files never count).

describe('MetaCat data handling on the simulator', () => {
  let sim: RunningSimulator;
  let dh: MetacatDataHandling;
  let dd: DataDispatcherClient;
  let sub: MetacatSubmission;
  const outName = (did: string) => did.replace(/^samdev:raw_/, 'reco_');
  beforeAll(async () => {
    sim = await startTestSimulator();
    const c = rucioEraClients(sim);
    dd = c.dd;
    dh = new MetacatDataHandling(c.mc, dd, c.rucio);
  });
  afterAll(() => sim?.stop());

  /** A worker takes every file; the named ones fail for good, the others finish with one output each. */
  async function runJobs(projectId: number, submissionId: number, failing: string[], declareTied: boolean) {
    for (let w = 0; ; w++) {
      const n = await dd.nextFile(projectId, `w${w}`);
      if (!n.handle) return;
      const did = `${n.handle.namespace}:${n.handle.name}`;
      const failed = failing.includes(n.handle.name);
      if (!failed)
        sim.world.addFiles('samdev', [
          {
            name: outName(did),
            parents: [n.handle.name],
            application: { family: 'reco', name: 'reco', version: 'v3' },
            createDate: sim.world.now(),
            params: declareTied ? { 'poms.submission_id': submissionId } : {},
          },
        ]);
      await dd.release(projectId, did, `w${w}`, { failed, retry: false });
    }
  }

  it('launch → Located via Rucio → recovery of the failed files → the next stage on the outputs', async () => {
    sim.clock.advance(60_000);
    const { project, env } = await dh.launchProject(101, { dataset: 'samdev:demo_raw_small' });
    expect(project.handles).toHaveLength(8);
    expect(env).toEqual({
      POMS_DATA_DISPATCHER_PROJECT_ID: String(project.projectId),
      POMS_DATA_DISPATCHER_TASK_ID: '101',
      POMS_DATA_DISPATCHER_DATASET_QUERY: 'files from samdev:demo_raw_small',
      POMS_METACAT_ATTRIBUTION_PARAM: 'poms.submission_id',
    });
    sub = {
      submissionId: 101,
      projectId: project.projectId,
      softwareVersion: 'v3',
      created: new Date(sim.world.now() - 1000),
      completedAt: null,
      outputAncestorDepth: 1,
    };
    sim.clock.advance(60_000);
    await runJobs(project.projectId, 101, ['raw_run1000_0002.root', 'raw_run1000_0005.root'], false);

    const before = await dh.located(sub, ['reco_%']);
    expect(before).toMatchObject({ projectEnded: true, done: 6, expected: 6, replicated: 0, located: false });
    const outs = await dh.outputs(sub, ['reco_%']);
    for (const o of outs.slice(0, 5))
      sim.world.sam('samdev').catalogue.addLocation(o.split(':')[1], 'dcache:/pnfs/samdev/sim/reco');
    expect((await dh.located(sub, ['reco_%'])).located).toBe(false);
    sim.world.sam('samdev').catalogue.addLocation(outs[5].split(':')[1], 'dcache:/pnfs/samdev/sim/reco');
    expect(await dh.located(sub, ['reco_%'])).toMatchObject({ replicated: 6, located: true });

    const failed = await dh.recoveryFiles(sub, 'state_failed');
    expect(failed).toEqual(['samdev:raw_run1000_0002.root', 'samdev:raw_run1000_0005.root']);
    expect(
      await dh.recoveryFiles(sub, 'reprocess_orphans', [{ pattern: 'reco_%', after: sub.created }]),
    ).toEqual(failed);
    const rec = await dh.launchProject(102, { dids: failed });
    await runJobs(rec.project.projectId, 102, [], true);
    const recSub = { ...sub, submissionId: 102, projectId: rec.project.projectId };
    // exact attribution: each submission counts only its own outputs
    expect(await dh.outputs(recSub)).toEqual([
      'samdev:reco_run1000_0002.root',
      'samdev:reco_run1000_0005.root',
    ]);
    expect(await dh.outputs(sub)).toHaveLength(6);

    const next = await dh.dependency(sub, { index: 1, pattern: 'reco_%.root', namespace: 'samdev' });
    expect(next).toMatchObject({ name: 'samdev:poms_depends_101_1', count: 6 });
    const ana = await dh.launchProject(103, { dataset: next.name });
    expect(ana.env.POMS_DATA_DISPATCHER_DATASET_QUERY).toBe('files selected by samdev:poms_depends_101_1');
    expect(ana.project.handles!.map((h) => h.name)).toEqual(outs.map((o) => o.split(':')[1]));
  });
});
