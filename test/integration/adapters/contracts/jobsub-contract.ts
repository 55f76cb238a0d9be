import { describe, expect, it } from 'vitest';
import type { HostSession, Jobsub } from '../../../../src/adapters/jobsub/index.js';
import { parseLaunchOutput, toPomsJobId } from '../../../../src/adapters/jobsub/parse/index.js';
import type { RemoteShell, ShellTarget } from '../../../../src/adapters/ssh/index.js';
import { demoLaunchScript } from '../launch-fixture.js';

/** Virtual time after a launch by which the DAG has started its workers and none has finished. */
const QUEUED_AFTER_MS = 60_000;

export interface JobsubContractEnv {
  jobsub: Jobsub;
  /** The shell Jobsub runs on, for the launch itself. */
  shell: RemoteShell;
  target: ShellTarget;
  /** Login setup (and site lines) run before every jobsub command. */
  setup: HostSession;
  /** VO group of the experiment whose dataset is launched. */
  group: string;
  /** An input definition of at least 4 files. */
  dataset: string;
  /** A POMS submission id no other test uses. */
  nextSubmissionId(): number;
  /** Moves the world's clock (virtual ms); the timings above assume the simulator's default knobs. */
  advance(ms: number): Promise<void>;
}

/**
 * What every Jobsub promises (jobsub.ts), together with the launch path: a POMS launch script run
 * through the shell prints the job id line, and jobsub_q/rm/hold/release/fetchlog act on that job.
 */
export function describeJobsubContract(name: string, make: () => JobsubContractEnv): void {
  describe(`Jobsub contract: ${name}`, () => {
    /** Launches 2 workers; `queuedAfterMs` later the DAG's workers are queued (they carry the POMS4 classads). */
    async function launch(env: JobsubContractEnv, queuedAfterMs = 0) {
      const sid = env.nextSubmissionId();
      const r = await env.shell.run(
        env.target,
        demoLaunchScript({ submissionId: sid, dataset: env.dataset, njobs: 2 }),
        {
          timeoutMs: 30_000,
        },
      );
      if (queuedAfterMs) await env.advance(queuedAfterMs);
      return { sid, r, events: parseLaunchOutput(r.output) };
    }

    it('a launch prints markers, Task=<id> and the job id line in the real format', async () => {
      const env = make();
      const { sid, r, events } = await launch(env);
      expect(r.exitCode).toBe(0);
      expect(r.output).toMatch(/^Use job id \d+\.0@[\w.-]+ to retrieve output$/m);
      expect(events.remotePid).toBeGreaterThan(1);
      expect(events.finished).toBe(true);
      expect(events.assignedSubmissionId).toBe(sid);
      expect(events.jobIds).toHaveLength(1);
      expect(events.errors).toEqual([]);
    });

    it('lists the launched jobs with jobsub_q, by constraint and by id', async () => {
      const env = make();
      const { sid, events } = await launch(env, QUEUED_AFTER_MS);
      const byConstraint = await env.jobsub.queue(
        { group: env.group, constraint: `POMS4_SUBMISSION_ID==${sid}` },
        env.target,
        env.setup,
      );
      expect(byConstraint.rows.length).toBeGreaterThan(0);
      expect(byConstraint.totals.total).toBe(byConstraint.rows.length);
      const schedd = events.jobIds[0].split('@')[1];
      expect(byConstraint.rows.every((row) => row.jobId.endsWith(`@${schedd}`))).toBe(true);
      const byId = await env.jobsub.queue(
        { group: env.group, jobIds: [toPomsJobId(events.jobIds[0])] },
        env.target,
        env.setup,
      );
      expect(byId.rows.map((row) => row.jobId)).toContain(events.jobIds[0]);
    });

    it('holds, releases and removes a submission by its constraint and job id', async () => {
      const env = make();
      const { sid, events } = await launch(env, QUEUED_AFTER_MS);
      const req = {
        scope: { kind: 'submission' as const, id: sid },
        group: env.group,
        jobIds: [toPomsJobId(events.jobIds[0])],
      };
      const sel = { group: env.group, constraint: `POMS4_SUBMISSION_ID==${sid}` };
      const q = () => env.jobsub.queue(sel, env.target, env.setup);

      const hold = await env.jobsub.control('hold', req, env.target, env.setup);
      expect(hold.matched).toBeGreaterThan(0);
      expect(hold.output).toContain('held');
      expect((await q()).totals.held).toBeGreaterThan(0);

      const release = await env.jobsub.control('release', req, env.target, env.setup);
      expect(release.matched).toBeGreaterThan(0);
      expect((await q()).totals.held).toBe(0);

      const rm = await env.jobsub.control('rm', req, env.target, env.setup);
      expect(rm.matched).toBeGreaterThan(0);
      expect(rm.output).toContain('marked for removal');
      const after = await q();
      expect(after.rows.filter((row) => 'IRH'.includes(row.status))).toEqual([]);
    });

    it('fetches the logs of a job that ran', async () => {
      const env = make();
      const { events } = await launch(env);
      await env.advance(6 * 3_600_000);
      const files = await env.jobsub.fetchLogs(events.jobIds[0], { group: env.group }, env.target, env.setup);
      expect(files.length).toBeGreaterThan(0);
      expect(
        files.some((f) => f.name.endsWith('.log') && f.content.toString('utf8').includes('Job submitted')),
      ).toBe(true);
    });

    it('reports a failing jobsub_q as a typed error', async () => {
      const env = make();
      await expect(
        env.jobsub.queue({ group: env.group, constraint: 'POMS4_SUBMISSION_ID==((' }, env.target, env.setup),
      ).rejects.toMatchObject({ name: 'AdapterError', kind: 'rejected' });
    });
  });
}
