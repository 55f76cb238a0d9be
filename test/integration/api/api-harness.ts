import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../../src/app.js';
import { createDb } from '../../../src/db/create-db.js';
import type { Config } from '../../../src/config/config-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { createFifeAdapters } from '../../../src/services/fife/create-fife-adapters.js';
import { createServices, type Services } from '../../../src/services/services.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { api } from '../../helpers/browser-like-client.js';
import { followSimClock } from '../../helpers/follow-sim-clock.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

export interface ApiHarness {
  url: string;
  app: Express;
  config: Readonly<Config>;
  services: Services;
  testDb: TestDb;
  sim: RunningSimulator | null;
  /** A new API token of `username` (created through the API, as that user). */
  token(username: string, body?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

type Overrides = Record<string, Record<string, unknown>>;

/**
 * The real app on an ephemeral port over a fresh database with the demo people; with `sim`, its
 * services are wired to the FIFE simulator on a manual clock (as test/helpers/sim-app.ts does) and
 * the demo campaigns are seeded.
 */
export async function startApiHarness(
  opts: { overrides?: Overrides; sim?: boolean; callback?: boolean } = {},
): Promise<ApiHarness> {
  // With `callback`, the launch wrappers call back: the app's URL must be known before it starts.
  const port = opts.callback ? await freePort() : 0;
  const sim = opts.sim
    ? await startSimulator({ clock: 'manual', demo: true, seed: 7, stateDir: null })
    : null;
  const testDb = await createTestDb({ seed: true });
  const unfollow = sim ? followSimClock(sim.clock) : () => undefined;
  if (sim) await seedDemoCampaigns(testDb.db);
  const config = loadConfig(
    {},
    {
      server: {
        port,
        log_level: 'silent',
        ...(opts.callback ? { base_url: `http://127.0.0.1:${port}` } : {}),
        ...opts.overrides?.server,
      },
      loops: { lens_poll_s: '60' },
      ...Object.fromEntries(Object.entries(opts.overrides ?? {}).filter(([k]) => k !== 'server')),
    },
  );
  const services = createServices({
    db: testDb.db,
    config,
    log: pino({ level: 'silent' }),
    ...(sim ? { fife: createFifeAdapters(config, sim) } : {}),
  });
  const app = createApp(services, config);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(port, '127.0.0.1', () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    config,
    services,
    testDb,
    sim,
    async token(username, body = {}) {
      const r = await api(url, 'POST', '/api/v1/tokens', {
        user: username,
        body: {
          name: `test ${Math.random().toString(36).slice(2, 8)}`,
          experiment: 'samdev',
          max_role: 'production',
          ...body,
        },
      });
      if (r.status !== 201) throw new Error(`token for ${username}: ${r.status} ${r.text}`);
      return r.json.token as string;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await services.stop();
      await sim?.stop();
      unfollow();
      await testDb.destroy();
    },
  };
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as AddressInfo;
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** A JSON API call with a bearer token. */
export const withToken = (url: string, token: string, method: string, path: string, body?: unknown) =>
  api(url, method, path, { body, headers: { authorization: `Bearer ${token}` } });

/**
 * A second app instance beside `h`, as another process on the same database: its own services
 * and, on real PostgreSQL, its own connection pool.
 */
export async function startSecondInstance(h: ApiHarness) {
  const db = h.testDb.url ? createDb({ url: h.testDb.url, poolMax: 4 }) : h.testDb.db;
  const services = createServices({ db, config: h.config, log: pino({ level: 'silent' }) });
  const server: Server = await new Promise((ok) => {
    const s = createApp(services, h.config).listen(0, '127.0.0.1', () => ok(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await services.stop();
      if (db !== h.testDb.db) await db.destroy();
    },
  };
}
