import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseLaunchOutput, parseQueueText } from '../../../src/adapters/jobsub/parse/index.js';
import { buildLaunchPlan, buildLaunchScript } from '../../../src/domain/launch/index.js';
import {
  SHIM_COMMANDS,
  SHIM_NOOP_COMMANDS,
  startSimulator,
  type RunningSimulator,
} from '../../../src/sim/index.js';
import { advance, lens } from './sim-harness.js';

// One launch over real SSH to the throwaway loopback sshd: the shims are linked into its bin
// directory (first on the remote PATH) and find the simulator through their sim-url file.
const ssh = inject('ssh');
const skip = ssh === null && process.env.CI !== 'true';
const exec = promisify(execFile);

let sim: RunningSimulator;
const linked: string[] = [];

function sshArgs(): string[] {
  return [
    '-i',
    ssh!.key,
    '-p',
    String(ssh!.port),
    '-o',
    `UserKnownHostsFile=${ssh!.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    `${ssh!.user}@127.0.0.1`,
  ];
}

/** Runs `bash -s` remotely with the script on stdin; resolves with the combined output and exit code. */
function remoteBash(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', [...sshArgs(), 'bash -s'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(script);
  });
}

describe.skipIf(skip)('launching through the shims over real SSH', () => {
  beforeAll(async () => {
    sim = await startSimulator({ clock: 'manual', demo: true, startTime: new Date('2025-04-01T10:00:00Z') });
    for (const c of [...SHIM_COMMANDS, ...SHIM_NOOP_COMMANDS]) {
      const target = path.join(ssh!.dir, 'bin', c);
      fs.rmSync(target, { force: true });
      fs.symlinkSync(path.join(sim.shimBinDir, c), target);
      linked.push(target);
    }
  });
  afterAll(async () => {
    for (const l of linked) fs.rmSync(l, { force: true });
    await sim?.stop();
  });

  it('runs the POMS launch script remotely: markers, Task, job id, then jobsub_q and Lens agree', async () => {
    const plan = buildLaunchPlan({
      experiment: 'samdev',
      experimenter: 'producer',
      launcher: 'producer',
      campaign: { id: 3, name: 'demo' },
      stage: { id: 7, name: 'reco', type: 'regular', softwareVersion: 'v1' },
      jobType: {
        id: 2,
        launchScript: 'fife_launch',
        definitionParameters: [
          ['-c ', 'demo.cfg'],
          ['-Oglobal.dataset=', '%(dataset)s'],
          ['-Oglobal.version=', '%(version)s'],
          ['-Oglobal.njobs=', '8'],
        ],
      },
      loginSetup: { setup: 'kinit -kt /keytab samdevpro; setup fife_utils v3' },
      submissionId: 101,
      dataset: 'demo_raw',
      testLaunch: false,
      pomsTest: '1',
      siteProfile: {
        beforeSetup: ['htgettoken -a htvaultprod.fnal.gov -i fermilab >/dev/null'],
        afterSetup: ['klist >/dev/null'],
      },
    });
    const r = await remoteBash(buildLaunchScript(plan));
    expect(r.code).toBe(0);
    const ev = parseLaunchOutput(r.output);
    expect(ev).toMatchObject({
      assignedSubmissionId: 101,
      jobIds: ['5001.0@sim-schedd01.example'],
      jobCounts: [8],
      finished: true,
    });
    expect(ev.remotePid).toEqual(expect.any(Number));
    expect(r.output).toMatch(/^Use job id 5001\.0@sim-schedd01\.example to retrieve output$/m);

    const q = await exec('ssh', [...sshArgs(), 'jobsub_q -G fermilab']);
    expect(parseQueueText(q.stdout, sim.clock.now()).rows[0].jobId).toBe('5001.0@sim-schedd01.example');

    await advance(sim, 6 * 3600_000);
    const answer = await lens(sim, '{ submission(pomsTaskID: 101) { done completed failed } }');
    expect(answer.body.data.submission).toEqual({ done: true, completed: 8, failed: 0 });
  });
});
