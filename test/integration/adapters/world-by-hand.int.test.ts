import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsubClient } from '../../../src/adapters/jobsub/index.js';
import { parseLaunchOutput, toPomsJobId } from '../../../src/adapters/jobsub/parse/index.js';
import { LensClient, type LensEntry } from '../../../src/adapters/lens/index.js';
import { SamwebClient } from '../../../src/adapters/sam/index.js';
import {
  LocalShell,
  Ssh2Shell,
  type RemoteShell,
  type ShellTarget,
} from '../../../src/adapters/ssh/index.js';
import { consumedStatusRecoveryDims } from '../../../src/domain/files/recovery-dims.js';
import type { SamSubmissionContext } from '../../../src/domain/files/sam-context.js';
import { samTotals } from '../../../src/domain/files/sam-totals.js';
import { outputFilesDims, pendingDims, someKidsDims } from '../../../src/domain/files/stats-dims.js';
import { lensStatus, type LensStatus } from '../../../src/domain/submissions/lens-status.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { demoLaunchScript } from './launch-fixture.js';
import { linkShims, startTestSimulator } from './sim-fixture.js';
import { skipSsh, sshInfo, sshOptions, sshTarget } from './ssh-fixture.js';

// The "drive the world by hand": launch over SSH through the shim, follow the submission in
// Lens from Idle to done, then read the project and the outputs back from SAM through the real clients.
// Over SSH whenever the throwaway sshd runs (always in CI); through the local shell otherwise.

describe(`the FIFE world by hand (${skipSsh ? 'local shell: no sshd here' : 'over SSH'})`, () => {
  let sim: RunningSimulator;
  let shell: RemoteShell;
  let target: ShellTarget;
  beforeAll(async () => {
    sim = await startTestSimulator();
    if (skipSsh) {
      shell = new LocalShell({ pathPrefix: [sim.shimBinDir], env: { POMS_SIM_URL: sim.url } });
      target = { host: 'localhost', account: 'samdevpro' };
    } else {
      if (!sshInfo) throw new Error('CI=true but the throwaway sshd is not running');
      linkShims(sim, `${sshInfo.dir}/bin`);
      shell = new Ssh2Shell(sshOptions({ env: { POMS_SIM_URL: sim.url } }));
      target = sshTarget();
    }
  });
  afterAll(() => sim?.stop());

  const sid = 301;
  const statusOf = (e: LensEntry | null): LensStatus | null => (e ? lensStatus(e) : null);

  it('launch → Idle → Running → Completed in Lens; project, outputs and lineage in SAM', async () => {
    const sam = new SamwebClient({ baseUrl: sim.samBaseUrl, token: sim.samToken });
    const lens = new LensClient({ url: sim.lensUrl });
    const jobsub = new JobsubClient({ shell, now: () => sim.clock.now() });
    const created = new Date(sim.clock.now().getTime() - 1000);

    // 1. Launch: the real launch script, fife_launch → jobsub_submit, the job id in its real format.
    const launch = await shell.run(
      target,
      demoLaunchScript({ submissionId: sid, dataset: 'demo_raw_small', njobs: 2 }),
    );
    expect(launch.exitCode).toBe(0);
    const line = /^Use job id (\d+)\.0@(sim-schedd\d+\.example) to retrieve output$/m.exec(launch.output);
    expect(line).not.toBeNull();
    const events = parseLaunchOutput(launch.output);
    expect(events).toMatchObject({
      assignedSubmissionId: sid,
      finished: true,
      jobIds: [`${line![1]}.0@${line![2]}`],
    });
    const jobId = events.jobIds[0];

    // 2. Lens follows it: Idle while queued, Running, then done.
    const seen: Array<LensStatus | null> = [];
    let entry: LensEntry | null = null;
    for (let minute = 0; minute < 8 * 60 && !entry?.done; minute++) {
      sim.clock.advance(60_000);
      entry = await lens.submission({ taskId: sid });
      const s = statusOf(entry);
      if (s && s !== seen.at(-1)) seen.push(s);
      if (s === 'Running' && !seen.includes('Held')) {
        // Side path: hold the submission by its constraint, Lens says Held; release it.
        const req = {
          scope: { kind: 'submission' as const, id: sid },
          group: 'fermilab',
          jobIds: [toPomsJobId(jobId)],
        };
        expect((await jobsub.control('hold', req, target, { setup: '' })).matched).toBeGreaterThan(0);
        const held = await lens.submission({ jobId });
        expect(statusOf(held)).toBe('Held');
        seen.push('Held');
        await jobsub.control('release', req, target, { setup: '' });
      }
    }
    expect(seen[0]).toBe('Idle');
    expect(seen).toContain('Running');
    expect(seen).toContain('Held');
    expect(seen.at(-1)).toBe('Completed');
    expect(entry).toMatchObject({
      id: jobId,
      pomsTaskID: sid,
      done: true,
      completed: 2,
      failed: 0,
      running: 0,
      idle: 0,
    });

    // 3. SAM: the project Lens names, its summary, the first-pass failure.
    const found = await lens.submissionProject({ jobId });
    const project = found!.project!;
    expect(project).toMatch(/^demo_raw_small_\w+_\d{14}_/);
    const summary = await sam.projectSummary('samdev', project);
    expect(summary).toMatchObject({
      project_status: 'completed',
      dataset_def_name: 'demo_raw_small',
      files_in_snapshot: 8,
    });
    expect(samTotals(summary!)).toMatchObject({ consumed: 7, failed: 1, jobs: 2 });
    expect(await sam.listFiles('samdev', consumedStatusRecoveryDims(project))).toEqual([
      'raw_run1000_0007.root',
    ]);

    // 4. Outputs with parents, found by ischildof / isparentof / minus dims built by the domain.
    const ctx: SamSubmissionContext = { project, softwareVersion: 'v1', created, outputAncestorDepth: 1 };
    const outputs = await sam.listFiles(
      'samdev',
      outputFilesDims(ctx, ['contract_reco_%.root'], 'anylocation'),
    );
    expect(outputs).toHaveLength(7);
    expect(outputs).toContain('contract_reco_raw_run1000_0001.root');
    expect(await sam.fileLineage('samdev', 'contract_reco_raw_run1000_0001.root', 'parents')).toEqual([
      'raw_run1000_0001.root',
    ]);
    const md = await sam.fileMetadata('samdev', 'contract_reco_raw_run1000_0001.root');
    expect(md?.parents?.map((p) => p.file_name)).toEqual(['raw_run1000_0001.root']);
    const withKids = await sam.listFiles('samdev', someKidsDims(ctx, 'anylocation'));
    expect(withKids).toHaveLength(7);
    expect(withKids).not.toContain('raw_run1000_0007.root');

    // 5. Locations arrive later: pending (no located output) shrinks to the failed file.
    sim.clock.advance(6 * 3_600_000);
    expect(await sam.listFiles('samdev', pendingDims(ctx, ['contract_reco_%.root']))).toEqual([
      'raw_run1000_0007.root',
    ]);
    expect(await sam.countFiles('samdev', someKidsDims(ctx, 'physical'))).toBe(7);
  });
});
