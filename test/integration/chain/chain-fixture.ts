import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import { createApp } from '../../../src/app.js';
import { api } from '../../helpers/browser-like-client.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

export const EXP = 'samdev';

/** The web app over a harness's services on a loopback port. */
export async function serve(h: SimHarness): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp(h.services, h.services.config);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** SAM writes the simulator counted since it started: definitions created, snapshots, projects. */
export async function samWrites(h: SimHarness) {
  const res = await fetch(`${h.sim.url}/sim/admin/experiments/${EXP}/writes`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, number>;
}

/** The campaign's Check chain through its JSON twin, asserting it wrote nothing to SAM. */
export async function checkChainOf(h: SimHarness, url: string, campaignId: number, exp = EXP) {
  await h.services.runner.idle(); // launch scripts still running write to SAM themselves
  const before = await samWrites(h);
  const res = await api(url, 'GET', `/api/v1/experiments/${exp}/campaigns/${campaignId}/check-chain`, {
    user: 'producer',
  });
  expect(res.status, res.text).toBe(200);
  expect(await samWrites(h)).toEqual(before);
  return res.json as {
    stages: Array<{
      name: string;
      dataset: string | null;
      files: number | null;
      exhausted: string | null;
      problem: string | null;
      note: string | null;
    }>;
    dependencies: Array<{ upstream: string; downstream: string; files: number | null; basis: string }>;
    warnings: Array<{ kind: string; stage: string; message: string }>;
  };
}

/**
 * Launches the stage as a person would and returns what the launch delivers: the files of the
 * dataset it was given (0 without one), or the error SAM answers for a dataset it does not know.
 */
export async function launchAndCount(h: SimHarness, stageId: number, exp = EXP): Promise<number | string> {
  const producer = (await h.services.identity.loadUser('producer', { experiment: exp }))!;
  const out = await h.services.launchActions
    .launch(producer, stageId, {}, exp)
    .catch((e: Error) => ({ kind: 'refused', message: e.message }) as const);
  if (out.kind === 'refused') return `refused: ${out.message}`;
  if (out.kind !== 'launched') throw new Error(`stage ${stageId}: ${JSON.stringify(out)}`);
  const sub = await h.testDb.db('submissions').where({ submission_id: out.submissionId }).first('dataset');
  if (!sub.dataset) return 0;
  const count =
    exp === EXP
      ? h.services.fife.sam!.countFiles(EXP, `defname: ${sub.dataset}`)
      : h.services.fife.splitMetacatFor!(exp).countFiles(`files from ${sub.dataset}`);
  return count.catch((e: Error) => e.message);
}

/** A simulator harness with the web app over it, for one suite (started before, stopped after). */
export function chainSuite(): { h: SimHarness; url: string } {
  const ctx = {} as { h: SimHarness; url: string; close(): Promise<void> };
  beforeAll(async () => {
    ctx.h = await startSimHarness();
    Object.assign(ctx, await serve(ctx.h));
  });
  afterAll(async () => {
    await ctx.h?.services.runner.idle();
    await ctx.close?.();
    await ctx.h?.close();
  });
  return ctx;
}

type Report = Awaited<ReturnType<typeof checkChainOf>>;

/** Launches every stage of the report once and asserts each delivered what the report said. */
export async function expectLaunchesDeliver(h: SimHarness, report: Report, campaignId: number, exp = EXP) {
  const stages = await h.testDb.db('stages').where({ campaign_id: campaignId }).select('stage_id', 'name');
  expect(report.stages.map((s) => s.name).sort()).toEqual(stages.map((s) => s.name).sort());
  for (const s of report.stages) {
    const delivered = await launchAndCount(h, stages.find((x) => x.name === s.name)!.stage_id, exp);
    if (s.exhausted) expect(delivered, s.name).toMatch(/^refused: No more splits/);
    else if (s.files === null) expect(typeof delivered, `${s.name}: ${s.problem}`).toBe('string');
    else expect(delivered, s.name).toBe(s.files);
  }
}
