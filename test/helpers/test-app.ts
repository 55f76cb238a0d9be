import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { FifeAdapters } from '../../src/services/fife-adapters.js';
import { createServices, type Services } from '../../src/services/services.js';
import { createTestDb, type TestDb } from './test-db.js';

export interface TestApp {
  url: string;
  services: Services;
  testDb: TestDb;
  close(): Promise<void>;
}

type Overrides = Record<string, Record<string, unknown>>;

/** The real app on an ephemeral loopback port over a fresh database with the demo people. */
export async function startTestApp(
  overrides: Overrides = {},
  fife?: FifeAdapters,
  dbOpts: { pglite?: boolean } = {},
): Promise<TestApp> {
  const testDb = await createTestDb({ seed: true, ...dbOpts });
  const config = loadConfig({}, { server: { port: 0, log_level: 'silent' }, ...overrides });
  const services = createServices({ db: testDb.db, config, fife });
  const app = createApp(services, config);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    services,
    testDb,
    async close() {
      await services.stop();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await testDb.destroy();
    },
  };
}
