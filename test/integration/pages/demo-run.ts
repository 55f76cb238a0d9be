import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../../src/app.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

export interface DemoRun {
  h: SimHarness;
  /** The app over the harness's services, on a loopback port. */
  url: string;
  ids: { campaign: number; reco: number; ana: number };
  /** Submissions by role in the scenario: reco's first pass, its recovery, ana. */
  subs: { reco: SubmissionRow; recovery: SubmissionRow; ana: SubmissionRow };
  close(): Promise<void>;
}

/**
 * The demo scenario (external-apis.md 6.6) run to its end on the simulator's manual clock — reco,
 * its consumed_status recovery, ana on reco's outputs, all Located — with the web app serving it.
 * `overrides`: config sections over the defaults (e.g. `{ sam: { attribution_param: '' } }`).
 */
export async function startDemoRun(overrides: Record<string, Record<string, string>> = {}): Promise<DemoRun> {
  const h = await startSimHarness(7, overrides);
  const db = h.testDb.db;
  const stage = async (name: string) =>
    (await db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': name })
      .first('s.stage_id', 's.campaign_id')) as { stage_id: number; campaign_id: number };
  const reco = await stage('reco');
  const ana = await stage('ana');
  const producer = await h.user('producer');
  await h.services.launchActions.launch(producer, reco.stage_id, {}, 'samdev');
  const t = h.services.tracking!;
  const all = () => db<SubmissionRow>('submissions').orderBy('submission_id');
  for (let i = 0; ; i++) {
    const rows = await all();
    if (rows.some((s) => s.stage_id === ana.stage_id && s.status === 'Located')) break;
    if (i > 600)
      throw new Error(`demo did not finish: ${JSON.stringify(rows.map((s) => [s.submission_id, s.status]))}`);
    h.sim.clock.advance(30_000);
    await h.services.runner.idle();
    await pollLens(t);
    await wrapUp(t);
    await h.services.runner.idle();
  }
  const rows = await all();
  const first = rows.find((s) => s.stage_id === reco.stage_id && s.parent_submission_id === null)!;
  const subs = {
    reco: first,
    recovery: rows.find((s) => s.parent_submission_id === first.submission_id)!,
    ana: rows.find((s) => s.stage_id === ana.stage_id)!,
  };
  const app = createApp(h.services, h.services.config);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    h,
    url: `http://127.0.0.1:${port}`,
    ids: { campaign: reco.campaign_id, reco: reco.stage_id, ana: ana.stage_id },
    subs,
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await h.close();
    },
  };
}
