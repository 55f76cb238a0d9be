import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import { createApp } from '../../../src/app.js';
import { SUBMISSION_STATUSES } from '../../../src/domain/submissions/status-machine.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

export interface SimApp extends SimHarness {
  url: string;
}

/** The simulator harness (demo campaigns, manual clock) served by the real app on a loopback port. */
export async function startSimApp(seed = 7): Promise<SimApp> {
  const h = await startSimHarness(seed);
  const app = createApp(h.services, h.services.config);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...h,
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await h.close();
    },
  };
}

/** One step of an accelerated run: advance virtual time, let launches finish, poll Lens, wrap up. */
export async function step(h: SimHarness, ms = 30_000): Promise<void> {
  h.sim.clock.advance(ms);
  await h.services.runner.idle();
  await pollLens(h.services.tracking!);
  await wrapUp(h.services.tracking!);
  await h.services.runner.idle();
}

/** Steps until `done` (checked before each step), calling `each` after every step. */
export async function runUntil(
  h: SimHarness,
  done: () => Promise<boolean>,
  each: () => Promise<void> = async () => {},
  maxSteps = 600,
): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (await done()) return;
    await step(h);
    await each();
  }
  throw new Error(`not done after ${maxSteps} steps`);
}

/** Id of a stage of a demo campaign, by campaign and stage name. */
export async function stageId(h: SimHarness, campaign: string, stage: string): Promise<number> {
  const row = await h.testDb
    .db('stages as s')
    .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
    .where({ 'c.name': campaign, 's.name': stage })
    .first('s.stage_id');
  return row.stage_id as number;
}

/**
 * A campaign `name` of three chained stages with `n` submissions spread over the last `days` days
 * in every status (inserted directly: what a long production history looks like to the pages).
 */
export async function bulkCampaign(db: Knex, name: string, n: number, days = 10): Promise<number> {
  const { campaign, stage, creatorId } = await makeStage(db, { campaign: name, stage: 'gen' });
  const more = await db('stages')
    .insert(
      ['reco', 'ana'].map((s) => ({
        campaign_id: campaign.campaign_id,
        experiment: 'samdev',
        name: s,
        creator: creatorId,
      })),
    )
    .returning('stage_id');
  const stages = [stage.stage_id, ...more.map((s: { stage_id: number }) => s.stage_id)];
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i) => {
    const created = new Date(now - days * 86_400_000 * (1 - i / n));
    const status = SUBMISSION_STATUSES[(i * 7) % SUBMISSION_STATUSES.length];
    return {
      stage_id: stages[i % 3],
      campaign_id: campaign.campaign_id,
      experiment: 'samdev',
      creator: creatorId,
      created_at: created,
      status,
      status_at: new Date(Math.min(now - 60_000, created.getTime() + ((i % 13) + 1) * 1_800_000)),
      files_submitted: 20,
      files_consumed: 18,
      files_located: status === 'Located' ? 17 : null,
      located_reason: status === 'Located' ? 'threshold' : null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db('submissions').insert(rows.slice(i, i + 500));
  return campaign.campaign_id as number;
}
