import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { checkConnection, createDb, describeDb } from './db/create-db.js';
import { migrateLatest } from './db/migration-source.js';
import { createLogger } from './lib/logger.js';
import { seedDemoPeople } from './services/demo/demo-people.js';
import { createServices } from './services/services.js';

// Composition root: config → db → services → app → loops; shutdown in the reverse order.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = createLogger(config.server.log_level);
  const dbOpts = {
    url: config.database.url,
    embeddedDir: config.database.embedded_dir,
    poolMax: config.database.pool_max,
  };
  const dbLabel = describeDb(dbOpts);
  const db = createDb(dbOpts);
  try {
    await checkConnection(db, dbLabel);
    const applied = await migrateLatest(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (e) {
    console.error(`POMS cannot start: ${(e as Error).message}`);
    await db.destroy().catch(() => {});
    process.exit(3);
  }
  if (config.demo.seed ?? !config.database.url) {
    if (await seedDemoPeople(db)) log.info('demo experiment samdev and demo users created');
  }

  const services = createServices({ db, config });
  const app = createApp(services, config, { logger: log });
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(config.server.port, config.server.host, () => ok(s));
    s.on('error', fail);
  }).catch((e: Error): never => {
    console.error(`POMS cannot listen on ${config.server.host}:${config.server.port}: ${e.message}`);
    process.exit(4);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.server.port;
  log.info({ database: dbLabel }, `POMS listening on http://localhost:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await new Promise<void>((ok) => server.close(() => ok()));
    server.closeAllConnections?.();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
