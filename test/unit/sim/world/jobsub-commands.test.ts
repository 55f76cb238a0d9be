import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  parseLaunchOutput,
  parseQueueLong,
  parseQueueText,
  QUEUE_HEADER,
} from '../../../../src/adapters/jobsub/parse/index.js';
import { advanceUntil, clusterOf, manualWorld, MINUTE, pomsEnv, shim } from './sim-test-world.js';

describe('jobsub_q', () => {
  it('prints the real table (parsable by our parser) and --long classads', async () => {
    const { world, clock } = manualWorld({ demo: true });
    const r = await shim(
      world,
      'fife_launch',
      ['-Oglobal.dataset=demo_raw_small', '-Oglobal.njobs=2'],
      pomsEnv(101),
    );
    const c = clusterOf(r.stdout);
    advanceUntil(
      clock,
      () => world.batch.allJobs().filter((j) => j.role === 'worker' && j.status === 2).length === 2,
    );
    const q = await shim(world, 'jobsub_q', ['-G', 'fermilab']);
    expect(q.stdout.split('\n')[0]).toBe(QUEUE_HEADER);
    const parsed = parseQueueText(q.stdout, new Date(world.now()));
    expect(parsed.rows.map((row) => [row.jobId, row.owner || row.dagNode, row.status])).toEqual([
      [`${c}.0@sim-schedd01.example`, 'samdevpro', 'R'],
      [`${c + 1}.0@sim-schedd01.example`, 'SAM_START', 'C'],
      [`${c + 2}.0@sim-schedd01.example`, 'WORKER_0', 'R'],
      [`${c + 3}.0@sim-schedd01.example`, 'WORKER_1', 'R'],
    ]);
    expect(parsed.totals).toEqual({
      total: 4,
      completed: 1,
      removed: 0,
      idle: 0,
      running: 3,
      held: 0,
      suspended: 0,
    });
    expect(q.stdout).toMatch(/ \|-WORKER_0\t/);

    const long = parseQueueLong(
      (
        await shim(world, 'jobsub_q', [
          '-G',
          'fermilab',
          '--long',
          '--constraint',
          'POMS4_SUBMISSION_ID==101',
        ])
      ).stdout,
    );
    expect(long).toHaveLength(3);
    expect(long[1]).toMatchObject({
      ClusterId: c + 2,
      JobStatus: 2,
      DAGManJobId: c,
      DAGNodeName: 'WORKER_0',
      POMS4_SUBMISSION_ID: 101,
      POMS4_CAMPAIGN_STAGE_NAME: 'reco',
      Jobsub_Group: 'fermilab',
      Owner: 'samdevpro',
    });
    expect(String(long[1].Env)).toMatch(/SAM_PROJECT=demo_raw_small_samdevpro_/);
    const byId = await shim(world, 'jobsub_q', ['--jobid', `${c + 3}.0@sim-schedd01.example`, '--run']);
    expect(parseQueueText(byId.stdout, new Date()).rows).toHaveLength(1);
    const bad = await shim(world, 'jobsub_q', ['-G', 'fermilab', '--constraint', 'A ==']);
    expect(bad.exitCode).toBe(1);
    clock.advance(MINUTE);
  });
});

describe('fife_launch', () => {
  it('prints the POMS wrapper lines and calls back update_submission with C@schedd', async () => {
    const { world } = manualWorld({ demo: true });
    const calls: string[] = [];
    const fetchImpl = async (url: string, init?: { method?: string; body?: URLSearchParams }) => (
      calls.push(`${init?.method} ${url} ${init?.body}`),
      { ok: true, status: 200 }
    );
    const r = await shim(
      world,
      'fife_launch',
      ['-Oglobal.dataset=demo_raw'],
      { ...pomsEnv(101), POMS_URL: 'http://poms.example:8080/' },
      { fetchImpl },
    );
    expect(calls).toEqual([
      'POST http://poms.example:8080/poms/update_submission submission_id=101&jobsub_job_id=5001%40sim-schedd01.example&status=New',
    ]);
    const ev = parseLaunchOutput(r.stdout);
    expect(ev).toMatchObject({
      assignedSubmissionId: 101,
      jobIds: ['5001.0@sim-schedd01.example'],
      jobCounts: [4],
      errors: [],
    });
    expect(ev.statusUrl).toBe('http://poms.example:8080/poms/submission_details?submission_id=101');
    expect(r.stdout).toMatch(/--project-name demo_raw_samdevpro_\d{14}_[0-9a-f]{6} /);
  });

  it('a failed callback is one line, never a failed launch; the pomsUrl option is the fallback', async () => {
    const { world } = manualWorld({ demo: true });
    const fetchImpl = async () => ({ ok: false, status: 503 });
    const r = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw'], pomsEnv(101), {
      pomsUrl: 'http://poms',
      fetchImpl,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^poms_jobsub_wrapper: could not report job id 5001@sim-schedd01.example to POMS: HTTP 503$/m,
    );
  });

  it.each([
    ['setup', /Failed to set up product/, 1],
    ['token', /htgettoken: Failure getting token/, 1],
    ['submit', /Error: condor_submit exited with failed status code 1/, 1],
  ] as const)('launch failure knob %s', async (kind, text, code) => {
    const { world } = manualWorld({ demo: true });
    world.faults.patch({ stages: { reco: { launchFailure: kind, launchFailureCount: 1 } } });
    const r = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw'], pomsEnv(101));
    expect(r.exitCode).toBe(code);
    expect(r.stdout + r.stderr).toMatch(text);
    expect(parseLaunchOutput(r.stdout + r.stderr).jobIds).toEqual([]);
    expect(world.batch.allSubmissions()).toHaveLength(0);
    const again = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw'], pomsEnv(102));
    expect(again.exitCode).toBe(0);
  });

  it('callback knob: the job id is only in the log', async () => {
    const { world } = manualWorld({ demo: true });
    world.faults.patch({ global: { launchFailure: 'callback' } });
    let called = false;
    const fetchImpl = async () => ((called = true), { ok: true, status: 200 });
    const r = await shim(
      world,
      'fife_launch',
      ['-Oglobal.dataset=demo_raw'],
      { ...pomsEnv(101), POMS_URL: 'http://p' },
      { fetchImpl },
    );
    expect(called).toBe(false);
    expect(parseLaunchOutput(r.stdout).jobIds).toEqual(['5001.0@sim-schedd01.example']);
    expect(r.stdout).toMatch(/could not report job id 5001@sim-schedd01.example/);
  });

  it('slow knob: the launch submits only after the configured virtual delay', async () => {
    const { world, clock } = manualWorld({ demo: true });
    world.faults.patch({ global: { launchFailure: 'slow', slowLaunchMs: 5 * 3600_000 } });
    let done = false;
    const pending = shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw'], pomsEnv(101)).then(
      (r) => ((done = true), r),
    );
    clock.advance(4 * 3600_000);
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    clock.advance(3600_000);
    const r = await pending;
    expect(clusterOf(r.stdout)).toBe(5001);
    expect(world.batch.submission(5001)!.submitted).toBeGreaterThanOrEqual(world.now() - 1);
  });

  it('a generator stage makes parentless outputs and defines poms_depends_<sid>_1 over them', async () => {
    const { world, clock } = manualWorld({ demo: true });
    const r = await shim(
      world,
      'fife_launch',
      ['-Oglobal.dataset=None', '-Oglobal.njobs=2', '-Oglobal.generate=5', '-Oglobal.stage=gen'],
      pomsEnv(150, 'gen'),
    );
    expect(r.stdout).toMatch(/outputs will be in SAM definition poms_depends_150_1/);
    const sub = world.batch.submission(clusterOf(r.stdout))!;
    expect(sub.kind).toBe('plain');
    advanceUntil(clock, () => sub.ended !== undefined);
    const outs = world.sam('samdev').queryDefinition('poms_depends_150_1');
    expect(outs).toHaveLength(5);
    expect(outs.every((f) => world.sam('samdev').parentsOf(f.name).length === 0)).toBe(true);
  });

  it('refuses a dataset that does not exist and a missing group', async () => {
    const { world } = manualWorld({ demo: true });
    const r = await shim(world, 'fife_launch', ['-Oglobal.dataset=nope'], pomsEnv(1));
    expect(r).toMatchObject({
      exitCode: 1,
      stderr: "fife_launch: SAM dataset definition 'nope' not found in samdev\n",
    });
    const g = await shim(world, 'fife_launch', ['-Oglobal.dataset=demo_raw'], { GROUP: '' });
    expect(g.exitCode).toBe(2);
  });
});

describe('jobsub_submit and jobsub_fetchlog', () => {
  it('argparse errors exit 2; too many jobs is refused', async () => {
    const { world } = manualWorld();
    expect((await shim(world, 'jobsub_submit', ['-N', 'x', 'file:///a'])).exitCode).toBe(2);
    const big = await shim(world, 'jobsub_submit', ['-N', '20000', 'file:///a']);
    expect(big.stderr).toMatch(/MAX_JOBS_PER_SUBMISSION/);
    expect((await shim(world, 'no_such_tool', [])).exitCode).toBe(127);
  });

  it('fetchlog writes the .out/.err/.log files, as a tgz or into --destdir', async () => {
    const { world, clock } = manualWorld();
    const r = await shim(world, 'jobsub_submit', ['-G', 'fermilab', '-N', '1', 'file:///a.sh']);
    const id = `${clusterOf(r.stdout)}.0@sim-schedd01.example`;
    advanceUntil(clock, () => world.batch.allSubmissions()[0].ended !== undefined);
    const tgz = await shim(world, 'jobsub_fetchlog', ['-G', 'fermilab', '-J', id]);
    expect(tgz.files?.[0].path).toBe(`/tmp/${id}.tgz`);
    const tar = gunzipSync(Buffer.from(tgz.files![0].base64, 'base64')).toString('latin1');
    expect(tar).toContain('ustar');
    expect(tar).toMatch(
      /005 \(5001\.000\.000\) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d Job terminated\.\n\t\(1\) Normal termination \(return value 0\)/,
    );
    const dir = await shim(world, 'jobsub_fetchlog', ['-J', id, '--destdir', 'logs']);
    expect(dir.files?.map((f) => f.path)).toEqual([
      '/tmp/logs/job.5001.0.out',
      '/tmp/logs/job.5001.0.err',
      '/tmp/logs/job.5001.0.log',
    ]);
    expect((await shim(world, 'jobsub_fetchlog', ['-J', '9.0@nowhere'])).exitCode).toBe(1);
  });
});
