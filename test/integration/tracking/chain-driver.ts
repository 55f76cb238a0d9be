import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import type { SimHarness } from '../../helpers/sim-app.js';

/**
 * Drives a campaign's chain on the simulator's manual clock, as the loops would. `harness` is read
 * at each call (suites start theirs in beforeAll).
 */
export function chainDriver(harness: () => SimHarness, campaign: string) {
  const db = () => harness().testDb.db;
  const subs = () => db()<SubmissionRow>('submissions').orderBy('submission_id');
  return {
    subs,
    history: async (id: number) =>
      (await db()('submission_history')
        .where({ submission_id: id })
        .orderBy('history_id')
        .pluck('status')) as string[],
    stageId: async (name: string) =>
      (
        await db()('stages as s')
          .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
          .where({ 'c.name': campaign, 's.name': name })
          .first('s.stage_id')
      ).stage_id as number,
    /** Advances virtual time in steps, running the poller and wrapup after each, until `done`. */
    async runUntil(done: () => Promise<boolean>, stepMs = 30_000, maxSteps = 600) {
      const h = harness();
      const t = h.services.tracking!;
      for (let i = 0; i < maxSteps; i++) {
        if (await done()) return;
        h.sim.clock.advance(stepMs);
        await h.services.runner.idle();
        await pollLens(t);
        await wrapUp(t);
        await h.services.runner.idle();
      }
      const now = (await subs()).map((s) => [s.submission_id, s.status, s.chain_result]);
      throw new Error(`not done after ${maxSteps} steps: ${JSON.stringify(now)}`);
    },
  };
}
