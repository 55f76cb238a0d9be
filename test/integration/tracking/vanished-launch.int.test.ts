import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// Issue 12, finding 5: a launch whose launcher process vanished mid-way (POMS restarted or was
// killed while the launch script ran) must not stay New for hours (launch_failed_after_s = 4 h).
// The runner writes a heartbeat; the next poll after four missed heartbeats makes it LaunchFailed.
describe('a launch whose launcher vanished', () => {
  let h: SimHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const db = () => h!.testDb.db;
  const sub = async (id: number) =>
    (await db()<SubmissionRow>('submissions').where({ submission_id: id }).first())!;

  async function launchReco(): Promise<number> {
    const stage = await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const producer = await h!.user('producer');
    const out = await h!.services.launchActions.launch(producer, stage.stage_id, {}, 'samdev');
    await h!.services.runner.idle();
    return (out as { submissionId: number }).submissionId;
  }

  it('is LaunchFailed at the first poll a minute after its last heartbeat, with the reason', async () => {
    h = await startSimHarness(31);
    const id = await launchReco();
    const done = await sub(id);
    // a finished launch wrote its heartbeat when it started
    expect(done.launch_heartbeat_at?.getTime()).toBe(done.launch_started_at?.getTime());

    // A second launch, left as a process that died mid-launch leaves it: started, never finished,
    // no job id yet, the last heartbeat now.
    const crashed = await launchReco();
    const at = new Date();
    await db()('submissions').where({ submission_id: crashed }).update({
      launch_started_at: at,
      launch_heartbeat_at: at,
      launch_finished_at: null,
      launch_exit_code: null,
      jobsub_job_id: null,
      jobsub_cluster_ids: [],
    });

    h.sim.clock.advance(30_000); // one missed heartbeat: a slow launch is left alone
    await pollLens(h.services.tracking!);
    expect((await sub(crashed)).status).toBe('New');

    h.sim.clock.advance(60_000); // 90 s without a heartbeat: nothing will ever finish it
    const summary = await pollLens(h.services.tracking!);
    expect(summary).toContain('1 launch failure(s)');
    const failed = await sub(crashed);
    expect(failed.status).toBe('LaunchFailed');
    expect(failed.launch_error).toMatch(/launcher stopped reporting at .* without a jobsub job id/);
    expect(failed.launch_finished_at).not.toBeNull();
    const last = await db()('submission_history')
      .where({ submission_id: crashed })
      .orderBy('history_id', 'desc')
      .first('status', 'reason');
    expect(last).toMatchObject({ status: 'LaunchFailed' });
    expect(last.reason).toContain('launcher stopped reporting');
    // the launch that finished normally is untouched
    expect((await sub(id)).status).not.toBe('LaunchFailed');
  });
});
