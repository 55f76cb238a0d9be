import type { Knex } from 'knex';
import pino from 'pino';
import { vi } from 'vitest';
import type { Config } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { seedDemoCampaigns } from '../../src/services/demo/demo-campaigns.js';
import { createFifeAdapters } from '../../src/services/fife/create-fife-adapters.js';
import { createServices, type Services } from '../../src/services/services.js';
import type { UserContext } from '../../src/services/user-context.js';
import { startSimulator, type RunningSimulator, type SimEndpoints } from '../../src/sim/index.js';
import { followSimClock } from './follow-sim-clock.js';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { createTestDb, type TestDb } from './test-db.js';

export interface SimHarness {
  sim: RunningSimulator;
  services: Services;
  testDb: TestDb;
  config: Readonly<Config>;
  /** Another app process on the same database and simulator (e.g. the one after a restart). */
  newServices(): Services;
  user(username: string): Promise<UserContext>;
  close(): Promise<void>;
}

/**
 * The services wired to the FIFE simulator exactly as `npm start` wires them (real SAM, Lens and
 * jobsub clients over HTTP and the launch-host shims), on a manual clock, with the demo people and
 * demo campaigns in a fresh database.
 */
export async function startSimHarness(
  seed = 7,
  overrides: Record<string, Record<string, string>> = {},
): Promise<SimHarness> {
  const testDb = await createTestDb({ seed: true });
  const sim = await startSimulator({ clock: 'manual', demo: true, seed, stateDir: null });
  const unfollow = followSimClock(sim.clock);
  const h = await pomsOver(sim, testDb, overrides);
  return {
    ...h,
    sim,
    async close() {
      await h.services.stop();
      await sim.stop();
      await testDb.destroy();
      unfollow();
    },
  };
}

/** The harness over a simulator in its own process: POMS's `Date` follows its clock on `advance`. */
export async function startSimProcessHarness(
  seed = 7,
  overrides: Record<string, Record<string, string>> = {},
): Promise<Omit<SimHarness, 'sim'> & { sim: SimProcess; advance(ms: number): Promise<void> }> {
  const [testDb, sim] = await Promise.all([createTestDb({ seed: true }), startSimProcess(seed)]);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(await sim.now());
  const h = await pomsOver(sim, testDb, overrides);
  return {
    ...h,
    sim,
    async advance(ms) {
      vi.setSystemTime(await sim.advance(ms));
    },
    async close() {
      await h.services.stop();
      await sim.stop();
      await testDb.destroy();
      vi.useRealTimers();
    },
  };
}

/**
 * POMS services (demo campaigns seeded) over a test database and a simulator reached at `sim`'s
 * URLs, in this process or its own.
 */
export async function pomsOver(
  sim: SimEndpoints,
  testDb: TestDb,
  overrides: Record<string, Record<string, string>> = {},
): Promise<Omit<SimHarness, 'sim' | 'close'>> {
  await seedDemoCampaigns(testDb.db);
  const config = loadConfig(
    {},
    {
      ...overrides,
      server: { log_level: 'silent', ...overrides.server },
      loops: { lens_poll_s: '60', ...overrides.loops },
    },
  );
  const newServices = () =>
    createServices({
      db: testDb.db,
      config,
      fife: createFifeAdapters(config, sim),
      log: pino({ level: 'silent' }),
    });
  const services = newServices();
  return {
    services,
    testDb,
    config,
    newServices,
    async user(username) {
      const u = await services.identity.loadUser(username, { experiment: 'samdev' });
      if (!u) throw new Error(`no user ${username}`);
      return u;
    },
  };
}

/** The id of a stage of the seeded `demo` campaign (`reco`, `ana`, …). */
export async function demoStageId(db: Knex, name: string): Promise<number> {
  const row = await db('stages as s')
    .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
    .where({ 'c.name': 'demo', 's.name': name })
    .first('s.stage_id');
  return row.stage_id as number;
}
