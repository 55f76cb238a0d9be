import { mkdtemp, mkdir, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopStore } from '../../../src/db/stores/loop-store.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { LoopRegistry } from '../../../src/loops/loop-registry.js';
import { registerLoops } from '../../../src/loops/register-loops.js';
import { activeDefinitionName } from '../../../src/services/housekeeping/active-stage-definitions.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// Issue 18 item 5: each housekeeping loop through the loop registry (as the admin Loops page runs
// them with "run now"), against PostgreSQL, the simulator's SAM and a launch host's shell.
describe('housekeeping loops', () => {
  let h: SimHarness;
  let loops: LoopRegistry;
  let sandboxDir: string;
  const db = () => h.testDb.db;
  const stage = async (campaign: string, name: string) =>
    (
      await db()('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': campaign, 's.name': name })
        .first('s.stage_id')
    ).stage_id as number;
  const subs = () => db()<SubmissionRow>('submissions').orderBy('submission_id');
  async function step() {
    h.sim.clock.advance(60_000);
    await h.services.runner.idle();
    await pollLens(h.services.tracking!);
    await wrapUp(h.services.tracking!);
    await h.services.runner.idle();
  }
  const run = async (name: string) => {
    const r = await loops.runNow(name);
    expect(r.ok, r.result).toBe(true);
    return r.result!;
  };

  beforeAll(async () => {
    h = await startSimHarness(41);
    sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'poms-sandboxes-'));
    const config = h.services.config;
    loops = new LoopRegistry(loopStore(db()), pino({ level: 'silent' }));
    registerLoops(loops, h.services, {
      ...config,
      credentials: { ...config.credentials, remote_dir: sandboxDir } as typeof config.credentials,
    });
  }, 120_000);
  afterAll(async () => {
    await loops?.stop();
    await h?.close();
    await rm(sandboxDir, { recursive: true, force: true });
  });

  it('are registered with the loop registry (the admin Loops page lists them)', () => {
    expect(loops.names()).toEqual(
      expect.arrayContaining([
        'stale-campaigns',
        'stage-active-definitions',
        'launch-sandboxes',
        'failure-causes',
      ]),
    );
  });

  it('stale-campaigns marks campaigns idle for the configured days inactive, and only those', async () => {
    const old = new Date(Date.now() - 10 * 86_400_000);
    await db()('campaigns').update({ created_at: old, updated_at: old });
    const fresh = await db()('campaigns')
      .whereNot({ name: 'demo' })
      .orderBy('campaign_id')
      .first('campaign_id', 'name');
    await db()('campaigns').where({ campaign_id: fresh.campaign_id }).update({ updated_at: new Date() });
    const producer = await h.user('producer');
    await h.services.launchActions.launch(producer, await stage('demo', 'reco'), {}, 'samdev');
    await h.services.runner.idle();
    const before = await db()('campaigns').where({ active: true }).count({ n: '*' }).first();

    expect(await run('stale-campaigns')).toMatch(/campaign\(s\) idle 7 day\(s\) marked inactive/);
    const active = (await db()('campaigns')
      .where({ active: true })
      .orderBy('name')
      .pluck('name')) as string[];
    expect(active.sort()).toEqual(['demo', fresh.name].sort());
    const marked = Number(before!.n) - 2;
    expect(marked).toBeGreaterThan(0);
    expect(await run('stale-campaigns')).toMatch(/^0 campaign/);
  });

  it('stage-active-definitions keeps poms_campaign_stage_active_<id> while files are in flight', async () => {
    const reco = await stage('demo', 'reco');
    const sam = h.services.fife.sam!;
    for (let i = 0; i < 60 && !(await subs()).some((s) => s.project); i++) await step();
    const project = (await subs()).find((s) => s.project)!.project!;
    const definitionsBefore = h.sim.world.sam('samdev').catalogue.definitionNames().length;

    expect(await run('stage-active-definitions')).toMatch(
      /^1 stage\(s\) in flight, 1 definition\(s\) written/,
    );
    const def = await sam.describeDefinition('samdev', activeDefinitionName(reco));
    expect(def?.dims).toBe(`project_name '${project}'`);
    expect(h.sim.world.sam('samdev').catalogue.definitionNames().length).toBe(definitionsBefore + 1);
    expect(await run('stage-active-definitions')).toMatch(/0 definition\(s\) written, 0 deleted/);

    for (let i = 0; i < 400 && (await subs()).some((s) => s.stage_id === reco && s.status !== 'Located'); i++)
      await step();
    expect((await subs()).find((s) => s.stage_id === reco)!.status).toBe('Located');
    await run('stage-active-definitions');
    const stillInFlight = (await subs()).filter((s) =>
      ['New', 'Idle', 'Running', 'Held', 'Completed'].includes(s.status),
    );
    if (!stillInFlight.some((s) => s.stage_id === reco))
      expect(await sam.describeDefinition('samdev', activeDefinitionName(reco))).toBeNull();
    expect(await db()('stage_active_definitions').pluck('stage_id')).toEqual(
      [...new Set(stillInFlight.filter((s) => s.project).map((s) => s.stage_id))].sort(),
    );
  });

  it('launch-sandboxes removes old launch sandboxes of the launch host account, and nothing else', async () => {
    const hex = (c: string) => c.repeat(32);
    const names = {
      stale: `poms_${hex('a')}`,
      fresh: `poms_${hex('b')}`,
      other: 'poms_not_a_sandbox',
      keep: 'mine',
    };
    for (const n of Object.values(names)) await mkdir(path.join(sandboxDir, n));
    const old = new Date(Date.now() - 7 * 3600_000);
    for (const n of [names.stale, names.other, names.keep]) await utimes(path.join(sandboxDir, n), old, old);

    expect(await run('launch-sandboxes')).toMatch(/launch host account\(s\), 1 stale sandbox\(es\) removed/);
    expect((await readdir(sandboxDir)).sort()).toEqual([names.fresh, names.keep, names.other].sort());
  });

  it('with automatic recoveries off, a Located submission launches its dependents and no recovery', async () => {
    const superuser = await h.user('superuser');
    await expect(h.services.autoRecovery.set(await h.user('producer'), 'samdev', false)).rejects.toThrow();
    await h.services.autoRecovery.set(superuser, 'samdev', false);
    const reco = await stage('demo', 'reco');
    const ana = await stage('demo', 'ana');
    h.sim.world.faults.patch({ stages: { reco: { fileFailureRate: 0.25 } } });
    const before = Math.max(0, ...(await subs()).map((s) => s.submission_id));
    const mine = async () => (await subs()).filter((s) => s.submission_id > before);
    const producer = await h.user('producer');
    await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    await h.services.runner.idle();
    for (let i = 0; i < 400 && !(await mine()).some((s) => s.stage_id === ana); i++) await step();
    const rows = await mine();
    const first = rows.find((s) => s.stage_id === reco)!;
    expect(first.chain_result).toMatch(new RegExp(`^stage ${ana} on poms_depends_`));
    expect(rows.filter((s) => s.parent_submission_id !== null)).toEqual([]);
    expect(first.files_consumed).toBeLessThan(40); // its failed files were not recovered
    expect(rows.some((s) => s.stage_id === ana)).toBe(true);
  });
});
