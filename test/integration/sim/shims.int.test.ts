import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildControlCommands,
  parseLaunchOutput,
  parseQueueText,
} from '../../../src/adapters/jobsub/parse/index.js';
import { parseSubmissionAnswer, submissionCountsQuery } from '../../../src/adapters/lens/query/index.js';
import { samTotals } from '../../../src/domain/files/sam-totals.js';
import { lensStatus } from '../../../src/domain/submissions/lens-status.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { admin, advance, lens, POMS_ENV, runShim, sam } from './sim-harness.js';

const exec = promisify(execFile);
let sim: RunningSimulator;
let poms: http.Server;
let pomsUrl: string;
const callbacks: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ clock: 'manual', demo: true, startTime: new Date('2025-04-01T10:00:00Z') });
  poms = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      callbacks.push(`${req.method} ${req.url} ${body}`);
      res.end('Ok.');
    });
  });
  await new Promise<void>((ok) => poms.listen(0, '127.0.0.1', () => ok()));
  pomsUrl = `http://127.0.0.1:${(poms.address() as { port: number }).port}`;
});
afterAll(async () => {
  await sim.stop();
  await new Promise((ok) => poms.close(ok));
});

/** Lens counts of a submission by POMS id, through the adapter's own document and parser. */
async function counts(sid: number) {
  const r = await lens(sim, submissionCountsQuery({ taskId: sid }));
  return parseSubmissionAnswer(JSON.stringify(r.body)).entry!;
}

/** Advances 30 s at a time until the Lens status is `want`; returns the statuses seen. */
async function until(sid: number, want: (e: Awaited<ReturnType<typeof counts>>) => boolean, maxSteps = 400) {
  const seen: Array<string | null> = [];
  for (let i = 0; i < maxSteps; i++) {
    const e = await counts(sid);
    const s = lensStatus(e);
    if (seen.at(-1) !== s) seen.push(s);
    if (want(e)) return seen;
    await advance(sim, 30_000);
  }
  throw new Error(`Lens never reached the wanted state for ${sid}; saw ${seen.join(' → ')}`);
}

describe('the FIFE world driven through the shims (issue 3 "done when")', () => {
  let project = '';
  let cluster = 0;

  it('fife_launch prints the real submit transcript and calls POMS back with C@schedd', async () => {
    const r = await runShim(
      sim,
      'fife_launch',
      ['-c', 'demo.cfg', '-Oglobal.dataset=demo_raw', '-Oglobal.version=v1', '-Oglobal.njobs=8'],
      {
        ...POMS_ENV(101),
        POMS_URL: pomsUrl,
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Submitting job(s)........\n8 job(s) submitted to cluster 5001.\n\n' +
        `${'=-'.repeat(30)}\n\nUse job id 5001.0@sim-schedd01.example to retrieve output\n${'=-'.repeat(30)}\n\n\n`,
    );
    const events = parseLaunchOutput(r.stdout);
    expect(events).toMatchObject({
      assignedSubmissionId: 101,
      jobIds: ['5001.0@sim-schedd01.example'],
      jobCounts: [8],
    });
    expect(callbacks).toEqual([
      'POST /poms/update_submission submission_id=101&jobsub_job_id=5001%40sim-schedd01.example&status=New',
    ]);
    project = /--project-name (\S+)/.exec(r.stdout)![1];
    cluster = 5001;
  });

  it('Lens reports Idle, Running, then done with the right counts', async () => {
    const seen = await until(101, (e) => e.done);
    // null = nothing to report: before the workers are submitted, and while only SAM_END runs
    expect(seen[0]).toBeNull();
    expect(seen.filter((s) => s !== null)).toEqual(['Idle', 'Running', 'Completed']);
    expect(await counts(101)).toMatchObject({
      id: '5001.0@sim-schedd01.example',
      completed: 8,
      failed: 0,
      cancelled: 0,
      done: true,
    });
  });

  it('the SAM project summary shows 37 consumed and 3 failed', async () => {
    const r = await sam(sim, `/projects/name/${project}/summary?format=json&process_limit=0`);
    const summary = JSON.parse(r.text);
    expect(summary).toMatchObject({
      project_status: 'completed',
      dataset_def_name: 'demo_raw',
      files_in_snapshot: 40,
    });
    expect(samTotals(summary)).toMatchObject({ consumed: 37, failed: 3, jobs: 8 });
  });

  it('outputs carry their parents; isparentof: and minus select the expected files', async () => {
    await advance(sim, 10 * 60_000);
    const md = JSON.parse(
      (await sam(sim, '/files/name/reco_raw_run1000_0002.root/metadata?format=json')).text,
    );
    expect(md).toMatchObject({
      parents: [{ file_name: 'raw_run1000_0002.root' }],
      application: { version: 'v1' },
      data_tier: 'reco',
    });
    const list = async (dims: string) =>
      JSON.parse((await sam(sim, `/files/list?format=json&dims=${encodeURIComponent(dims)}`)).text);
    const unprocessed = await list(
      `snapshot_for_project_name ${project} minus isparentof:( file_name 'reco_%' and version v1 )`,
    );
    expect(unprocessed).toEqual(['raw_run1000_0007.root', 'raw_run1000_0019.root', 'raw_run1000_0031.root']);
    const located = await list(`isparentof:( file_name 'reco_%' and version v1 with availability physical )`);
    expect(located).toHaveLength(37);
    expect(await list(`ischildof:( file_name raw_run1000_0001.root )`)).toEqual([
      'reco_raw_run1000_0001.root',
    ]);
  });

  it('finished jobs leave jobsub_q after their linger, but fetchlog still brings back their logs', async () => {
    const q = await runShim(sim, 'jobsub_q', ['-G', 'fermilab']);
    const table = parseQueueText(q.stdout, sim.clock.now());
    expect(table.rows.find((r) => r.jobId === `${cluster}.0@sim-schedd01.example`)).toBeUndefined();
    expect(table.totals.total).toBe(table.rows.length);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-fetchlog-'));
    try {
      const r = await runShim(
        sim,
        'jobsub_fetchlog',
        ['-G', 'fermilab', '-J', `${cluster}.0@sim-schedd01.example`],
        {},
        dir,
      );
      expect(r.code).toBe(0);
      const tgz = fs.readFileSync(path.join(dir, `${cluster}.0@sim-schedd01.example.tgz`));
      expect(gunzipSync(tgz).toString('latin1')).toContain('WORKER_0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hold and release by constraint, then kill with the two POMS commands', async () => {
    await admin(sim, '/experiments/samdev/definitions', {
      name: 'poms_depends_101_1',
      dims: `ischildof:( snapshot_for_project_name ${project} ) and version v1 and file_name like 'reco_%.root'`,
    });
    const ana = await runShim(
      sim,
      'fife_launch',
      ['-Oglobal.dataset=poms_depends_101_1', '-Oglobal.njobs=4'],
      POMS_ENV(103, 'ana'),
    );
    expect(ana.code).toBe(0);
    const anaId = parseLaunchOutput(ana.stdout).jobIds[0];
    await until(103, (e) => e.running > 0);
    const q = parseQueueText((await runShim(sim, 'jobsub_q', ['-G', 'fermilab'])).stdout, sim.clock.now());
    expect(q.rows.find((r) => r.jobId === anaId)).toMatchObject({ status: 'R', command: 'condor_dagman' });
    expect(q.rows.filter((r) => r.dagNode?.startsWith('WORKER_'))).toHaveLength(4);

    const hold = await runShim(sim, 'jobsub_hold', [
      '-G',
      'fermilab',
      '--constraint',
      'POMS4_SUBMISSION_ID==103',
    ]);
    expect(hold.stdout).toBe('All jobs matching constraint (POMS4_SUBMISSION_ID==103) have been held\n');
    expect(lensStatus(await counts(103))).toBe('Held');
    const release = await runShim(sim, 'jobsub_release', [
      '-G',
      'fermilab',
      '--constraint',
      'POMS4_SUBMISSION_ID==103',
    ]);
    expect(release.code).toBe(0);
    await until(103, (e) => e.running > 0 && e.held === 0);

    const [byConstraint, byIds] = buildControlCommands(
      'kill',
      { kind: 'submission', id: 103 },
      'fermilab',
      'Production',
      [anaId.replace('.0@', '@')],
    );
    const out = await exec('bash', ['-c', `${byConstraint} ; ${byIds}`], {
      env: { PATH: `${sim.shimBinDir}:${process.env.PATH}`, POMS_SIM_URL: sim.url, USER: 'samdevpro' },
      encoding: 'utf8',
    }).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(out.stdout).toMatch(
      /^All jobs matching constraint \(POMS4_SUBMISSION_ID==103\) have been marked for removal$/m,
    );
    const after = await counts(103);
    expect(after.done).toBe(true);
    expect(after.cancelled).toBe(4);
    expect(lensStatus(after)).toBe('Cancelled');
  });
});
