import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJobId } from '../../../src/adapters/jobsub/parse/index.js';
import type { Jobsub } from '../../../src/adapters/jobsub/jobsub.js';
import { submissionStore, type SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { completeStuckSubmissions } from '../../../src/services/tracking/stuck-submissions.js';
import type { TrackingDeps } from '../../../src/services/tracking/tracking-deps.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// The simulator's batch fault knobs (external-apis.md 6.5) against the real POMS tracking code on
// PostgreSQL: a refused ssh hop at launch, a schedd missing from the collector mid-run, and jobs
// vanishing without history, which the stuck-submission check (mark_failed_submissions) handles.
describe('tracking under batch faults', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const db = () => h!.testDb.db;
  const sub = async (id: number) =>
    (await db()<SubmissionRow>('submissions').where({ submission_id: id }).first())!;
  const history = (id: number) =>
    db()('submission_history').where({ submission_id: id }).orderBy('history_id').select('status', 'reason');
  const recoStage = async () =>
    (
      await db()('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': 'reco' })
        .first('s.stage_id')
    ).stage_id as number;
  async function launchReco(): Promise<number> {
    const producer = await h!.user('producer');
    const out = await h!.services.launchActions.launch(producer, await recoStage(), {}, 'samdev');
    await h!.services.runner.idle();
    return (out as { submissionId: number }).submissionId;
  }
  async function step(ms = 30_000) {
    h!.sim.clock.advance(ms);
    await h!.services.runner.idle();
    await pollLens(h!.services.tracking!);
    await wrapUp(h!.services.tracking!);
    await h!.services.runner.idle();
  }
  /** Tracking deps as if `hours` had passed since the launch, logging into `lines`. */
  function later(hours: number, lines: string[] = [], over: Partial<TrackingDeps> = {}): TrackingDeps {
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    return {
      ...h!.services.tracking!,
      now: () => new Date(Date.now() + hours * 3_600_000),
      log,
      ...over,
    };
  }
  const simSubmission = (jobsubJobId: string) =>
    h!.sim.world.batch.submission(parseJobId(jobsubJobId)!.cluster)!;

  it('a refused ssh hop at launch: LaunchFailed, with the ssh message in the launch log', async () => {
    h = await startSimHarness(21);
    h.sim.world.faults.patch({ stages: { reco: { launchFailure: 'ssh' } } });
    const id = await launchReco();
    const s = await sub(id);
    expect(s.status).toBe('LaunchFailed');
    expect(s.jobsub_job_id).toBeNull();
    expect(s.launch_exit_code).toBe(255);
    expect(s.launch_error).toMatch(/^ssh: connect to host .* Connection refused/);
    const { text: log } = await submissionStore(db()).log(id);
    expect(log).toMatch(/ssh: connect to host sim-schedd0\d\.example port 22: Connection refused/);
    expect(h.sim.world.batch.allSubmissions()).toEqual([]);
    expect((await history(id)).map((r) => r.status)).toEqual(['New', 'LaunchFailed']);
  });

  it(
    'a schedd outage mid-run: the submission stays where it was, then completes once the schedd returns',
    { timeout: 300_000 },
    async () => {
      h = await startSimHarness(23);
      const id = await launchReco();
      for (let i = 0; i < 40 && (await sub(id)).status !== 'Running'; i++) await step(10_000);
      expect((await sub(id)).status).toBe('Running');
      const before = await sub(id);
      const schedd = parseJobId(before.jobsub_job_id!)!.schedd;
      h.sim.world.faults.patch({ batch: { missingSchedds: [schedd] } });

      // while it is missing, the jobs finish underneath; POMS sees nothing and changes nothing
      const simSub = simSubmission(before.jobsub_job_id!);
      for (let i = 0; i < 200 && simSub.ended === undefined; i++) await step(60_000);
      expect(simSub.ended).toBeDefined();
      for (let i = 0; i < 3; i++) await step(60_000);
      const during = await sub(id);
      expect(during.status).toBe('Running');
      expect(during.jobs_completed).toBe(before.jobs_completed);
      // hold cannot reach it: the job-id command fails with condor's message
      const producer = await h.user('producer');
      const held = await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id }, 'hold');
      expect(held.output).toContain(`Can't find address for schedd ${schedd}`);
      // the stuck-submission check leaves non-New submissions alone
      expect(await completeStuckSubmissions(later(5))).toMatchObject({ checked: 0 });

      h.sim.world.faults.patch({ batch: { missingSchedds: [] } });
      await step(1000);
      expect(['Completed', 'Located']).toContain((await sub(id)).status);
      const statuses = (await history(id)).map((r) => r.status);
      expect(statuses.slice(0, 4)).toEqual(['New', 'Idle', 'Running', 'Completed']);
    },
  );

  it(
    'every job vanished before Lens saw it: the logs are fetched and the submission is left New',
    { timeout: 120_000 },
    async () => {
      h = await startSimHarness(25);
      h.sim.world.faults.patch({ stages: { reco: { vanishRate: 1 } } });
      const id = await launchReco();
      expect((await sub(id)).jobsub_job_id).toMatch(/^\d+@sim-schedd0\d\.example$/);
      for (let i = 0; i < 5; i++) await step(60_000);
      expect((await sub(id)).status).toBe('New'); // Lens never had an entry
      expect(await completeStuckSubmissions(later(1))).toEqual({
        checked: 0,
        completed: 0,
        leftAlone: 0,
        failed: 0,
      }); // not yet launch_failed_after_s (4 h)

      const lines: string[] = [];
      expect(await completeStuckSubmissions(later(5, lines))).toEqual({
        checked: 1,
        completed: 0,
        leftAlone: 1,
        failed: 0,
      });
      expect(lines.map((l) => JSON.parse(l))).toEqual([
        expect.objectContaining({
          msg: 'stuck submission left New',
          submission: id,
          reason: expect.stringMatching(/^1 of 1 job\(s\) have no terminate event in the condor user log/),
        }),
      ]);
      expect((await sub(id)).status).toBe('New');
      expect((await history(id)).map((r) => r.status)).toEqual(['New']);
      // not fetched again within the hour; fetched again after it
      expect((await completeStuckSubmissions(later(5.5))).checked).toBe(0);
      expect((await completeStuckSubmissions(later(6.5))).checked).toBe(1);

      // a fetch failure is logged and changes nothing
      const failing: Jobsub = {
        ...h.services.fife.jobsub!,
        fetchLogs: () => Promise.reject(new Error('ssh: connect to host launch port 22: No route to host')),
      };
      const failLines: string[] = [];
      expect(await completeStuckSubmissions(later(8, failLines, { jobsub: failing }))).toMatchObject({
        checked: 1,
        failed: 1,
      });
      expect(failLines.map((l) => JSON.parse(l))).toEqual([
        expect.objectContaining({
          msg: 'stuck submission: job logs not fetched',
          submission: id,
          err: expect.stringContaining('No route to host'),
        }),
      ]);
      expect((await sub(id)).status).toBe('New');
    },
  );

  it(
    'jobs that finished while Lens never reported them: Completed from the condor user log',
    { timeout: 300_000 },
    async () => {
      h = await startSimHarness(27);
      const id = await launchReco();
      const launched = await sub(id);
      const schedd = parseJobId(launched.jobsub_job_id!)!.schedd;
      h.sim.world.faults.patch({ batch: { missingSchedds: [schedd] } }); // before Lens ever saw it
      const simSub = simSubmission(launched.jobsub_job_id!);
      for (let i = 0; i < 200 && simSub.ended === undefined; i++) await step(60_000);
      expect(simSub.ended).toBeDefined();
      expect((await sub(id)).status).toBe('New');

      const result = await completeStuckSubmissions(later(5));
      expect(result).toEqual({ checked: 1, completed: 1, leftAlone: 0, failed: 0 });
      const s = await sub(id);
      expect(s.status).toBe('Completed');
      const last = (await history(id)).at(-1)!;
      expect(last.status).toBe('Completed');
      expect(last.reason).toMatch(
        new RegExp(
          `^condor user log of ${launched.jobsub_job_id!.replace(/\./g, '\\.')}: all \\d+ job\\(s\\) terminated`,
        ),
      );
      const actor = await db()('submission_history')
        .where({ submission_id: id, status: 'Completed' })
        .first('actor_kind');
      expect(actor.actor_kind).toBe('system');

      // the schedd returns: Lens reports it done, nothing moves backwards
      h.sim.world.faults.patch({ batch: { missingSchedds: [] } });
      await step(1000);
      expect(['Completed', 'Located']).toContain((await sub(id)).status);
      expect((await history(id)).filter((r) => r.status === 'Completed')).toHaveLength(1);
    },
  );
});
