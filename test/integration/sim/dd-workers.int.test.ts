import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataDispatcherClient } from '../../../src/adapters/data-dispatcher/index.js';
import { parseSubmissionAnswer, submissionCountsQuery } from '../../../src/adapters/lens/query/index.js';
import type { MetacatClient } from '../../../src/adapters/metacat/index.js';
import type { RucioClient } from '../../../src/adapters/rucio/index.js';
import { DD_DEMO_FIRST_PASS_FAILURES, ddDemoRawName, type RunningSimulator } from '../../../src/sim/index.js';
import { rucioEraClients } from '../../helpers/rucio-era-clients.js';
import { patchFaults, startTestSimulator } from '../adapters/sim-fixture.js';
import { advance, lens, POMS_ENV, runShim } from './sim-harness.js';

// Simulated jobs of a launch that names a Data Dispatcher project (POMS_DATA_DISPATCHER_* in the
// launch environment, external-apis.md 4.4) are DD workers: they reserve the project's files, mark
// them done or failed, declare their outputs with the input as parent (seen through MetaCat), and
// each output gets its Rucio replica once its upload is located. Everything over the real protocols.

const raw = (i: number) => `raw_run1000_${String(i).padStart(4, '0')}.root`;
const HOUR = 3_600_000;

describe('Data Dispatcher workers in the simulated batch pool', () => {
  let sim: RunningSimulator;
  let dd: DataDispatcherClient;
  let mc: MetacatClient;
  let rucio: RucioClient;
  beforeEach(async () => {
    sim = await startTestSimulator();
    ({ mc, dd, rucio } = rucioEraClients(sim));
  });
  afterEach(() => sim?.stop());

  const project = async () => {
    const files = (await mc.query('files from samdev:demo_raw_small')).map((f) => `${f.namespace}:${f.name}`);
    return dd.createProject(files, { query: 'files from samdev:demo_raw_small' });
  };
  const launch = (sid: number, projectId: number, extra: string[] = []) =>
    runShim(sim, 'fife_launch', ['-Oglobal.dataset=samdev:demo_raw_small', '-Oglobal.njobs=2', ...extra], {
      ...POMS_ENV(sid),
      POMS_DATA_DISPATCHER_PROJECT_ID: String(projectId),
      POMS_DATA_DISPATCHER_TASK_ID: String(sid),
    });
  /** Exit codes of the procs of the cluster a launch transcript names. */
  const exitCodes = async (stdout: string) => {
    const cluster = /^Use job id (\d+)\.0@/m.exec(stdout)![1];
    const res = await fetch(`${sim.url}/sim/admin/jobs?submission=${cluster}`);
    return ((await res.json()) as Array<{ exitCode?: number }>).map((j) => j.exitCode);
  };
  const outputsOf = async (names: string[]) =>
    (
      await mc.query(
        `children(files from samdev:demo_raw_small) where name in (${names.map((n) => `'${n}'`).join(', ')})`,
      )
    )
      .map((f) => f.name)
      .sort();

  it('workers reserve, finish and fail files; outputs are declared with parents, replicas follow uploads', async () => {
    await patchFaults(sim, {
      stages: { reco: { firstPassFailures: [raw(2), raw(5)], locationDelayMs: [2 * HOUR, 2 * HOUR] } },
    });
    const p = await project();
    const r = await launch(61, p.projectId);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`fife_launch: Data Dispatcher project ${p.projectId}\n`);
    expect(r.stdout).not.toContain('--dataset-definition');

    await advance(sim, HOUR);
    const after = (await dd.project(p.projectId))!;
    expect(after.state).toBe('failed'); // no handle left to hand out, two of them failed
    const byState = (s: string) => after.handles!.filter((h) => h.state === s).map((h) => h.name);
    expect(byState('failed')).toEqual([raw(2), raw(5)]);
    expect(byState('done')).toHaveLength(6);
    expect(after.handles!.every((h) => h.attempts === 1)).toBe(true);
    // the two workers are the cluster's two procs; both exit 0 (a failed file is not a failed job)
    expect(await exitCodes(r.stdout)).toEqual([0, 0]);

    // outputs: one per done input, the input as parent, in the same catalogue MetaCat reads
    const reco = byState('done').map((n) => `reco_${n}`);
    const children = await mc.query('children(files from samdev:demo_raw_small)', { withProvenance: true });
    expect(children.map((f) => f.name).sort()).toEqual([...reco].sort());
    const parent = await mc.file(`samdev:${raw(1)}`);
    expect(children.find((c) => c.name === `reco_${raw(1)}`)!.parents).toEqual([parent!.fid]);
    expect(await outputsOf(reco)).toEqual([...reco].sort());

    // declared but not yet uploaded: no replica; two hours later every output has one
    const dids = reco.map((n) => `samdev:${n}`);
    expect(await rucio.listReplicas(dids)).toEqual([]);
    await advance(sim, 2 * HOUR);
    const reps = await rucio.listReplicas(dids);
    expect(reps.map((x) => x.name).sort()).toEqual([...reco].sort());
    expect(Object.keys(reps[0].rses)).toEqual(['FNAL_DCACHE']);

    // Lens sees the project id in the jobs' environment
    const counts = parseSubmissionAnswer(
      JSON.stringify((await lens(sim, submissionCountsQuery({ taskId: 61 }))).body),
    ).entry;
    expect(counts).toMatchObject({ done: true, completed: 2 });
  });

  it('the dd_demo world: dune:dd_demo_raw on tape, two files failing their first pass, group dune', async () => {
    const raw = await mc.query('files from dune:dd_demo_raw', { withMetadata: true });
    expect(raw.map((f) => f.name)).toEqual(Array.from({ length: 20 }, (_, k) => ddDemoRawName(k + 1)));
    expect(raw[0].metadata).toMatchObject({ 'core.runs': [5000], 'core.data_tier': 'raw' });
    expect(Object.keys((await rucio.listReplicas([`dune:${raw[0].name}`]))[0].rses)).toEqual([
      'FNAL_ENSTORE',
    ]);
    const p = await dd.createProject(raw.map((f) => `dune:${f.name}`));
    const r = await runShim(
      sim,
      'fife_launch',
      ['-Oglobal.dataset=dune:dd_demo_raw', '-Oglobal.stage=reco'],
      {
        ...POMS_ENV(64),
        GROUP: 'dune',
        USER: 'dunepro',
        POMS_DATA_DISPATCHER_PROJECT_ID: String(p.projectId),
      },
    );
    expect(r.code).toBe(0);
    await advance(sim, 3 * HOUR);
    const after = (await dd.project(p.projectId))!;
    expect(after.handles!.filter((h) => h.state === 'failed').map((h) => h.name)).toEqual(
      DD_DEMO_FIRST_PASS_FAILURES,
    );
    const outs = await mc.query('children(files from dune:dd_demo_raw)');
    expect(outs).toHaveLength(18);
    expect((await rucio.listReplicas(outs.map((f) => `dune:${f.name}`))).length).toBe(18);
  });

  it('a crashing application releases its file failed and the job exits non-zero', async () => {
    await patchFaults(sim, { stages: { reco: { jobCrashRate: 1, crashExitCode: 134 } } });
    const p = await project();
    const r = await launch(62, p.projectId, ['-Oglobal.njobs=1']);
    expect(r.code).toBe(0);
    await advance(sim, HOUR);
    const after = (await dd.project(p.projectId))!;
    expect(after.handles!.filter((h) => h.state === 'reserved')).toEqual([]);
    expect(after.handles!.filter((h) => h.state === 'failed')).toHaveLength(1);
    expect(await exitCodes(r.stdout)).toEqual([134]);
  });

  it('a reservation held past the worker timeout goes back to initial for another worker', async () => {
    const files = [`samdev:${raw(1)}`];
    const p = await dd.createProject(files, { workerTimeoutS: 600 });
    const got = await dd.nextFile(p.projectId, 'lost-worker');
    expect(got.handle).toMatchObject({ name: raw(1), state: 'reserved', attempts: 1 });
    await advance(sim, 599_000);
    expect((await dd.project(p.projectId))!.handles![0].state).toBe('reserved');
    await advance(sim, 1_000);
    expect((await dd.project(p.projectId))!.handles![0]).toMatchObject({ state: 'initial', workerId: null });
    // the lost worker's late release is refused; another worker takes the file
    await expect(dd.release(p.projectId, files[0], 'lost-worker', { failed: false })).rejects.toThrow();
    expect((await dd.nextFile(p.projectId, 'second')).handle).toMatchObject({ attempts: 2 });
  });

  it('a launch naming an unknown project fails before anything is submitted', async () => {
    const r = await launch(63, 999_999);
    expect([r.code, r.stderr]).toEqual([1, 'fife_launch: Data Dispatcher project 999999 not found\n']);
  });
});
