import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startupLine } from './config/exposure.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { checkConnection, createDb, describeDb } from './db/create-db.js';
import { migrateLatest } from './db/migration-source.js';
import { createLogger } from './lib/logger.js';
import { isFirstProcess, superviseWorkers } from './lib/worker-supervisor.js';
import { runsSimulator, workerCount } from './config/workers.js';
import type { RunningSimulator } from './sim/index.js';

/**
 * The rest of the application, loaded while the database opens: loading these modules is about
 * two seconds of one core, and opening an embedded database is WebAssembly compilation that runs
 * on other threads, so the two overlap instead of adding up at start.
 */
const loadApplication = () =>
  Promise.all([
    import('./app.js'),
    import('./services/demo/demo-campaigns.js'),
    import('./services/demo/demo-people.js'),
    import('./services/demo/dd-demo.js'),
    import('./loops/register-loops.js'),
    import('./services/fife/create-fife-adapters.js'),
    import('./services/services.js'),
    import('./sim/index.js'),
  ]);

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
  const log = createLogger(config.server.log_level, config.server.log_format);
  // `[server] workers` > 1: this process only supervises; each worker runs what follows.
  if (cluster.isPrimary && workerCount(config) > 1) return superviseWorkers(workerCount(config), log);
  const dbOpts = {
    url: config.database.url,
    embeddedDir: config.database.embedded_dir,
    poolMax: config.database.pool_max,
    demo: config.demo.seed ?? !config.database.url,
  };
  // Milliseconds since the process started at which each start-up step ended (logged at 'started').
  const at: Record<string, number> = {};
  const mark = (step: string) => (at[step] = Math.round(performance.now()));
  mark('config');
  const dbLabel = describeDb(dbOpts);
  const db = createDb(dbOpts);
  const application = loadApplication().finally(() => mark('modules'));
  try {
    await checkConnection(db, dbLabel);
    mark('database');
    const applied = await migrateLatest(db);
    mark('migrations');
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (e) {
    console.error(`POMS cannot start: ${(e as Error).message}`);
    await db.destroy().catch(() => {});
    process.exit(3);
  }
  const [
    { createApp },
    { seedDemoCampaigns },
    { seedDemoPeople },
    { seedDdDemo },
    { registerLoops },
    { createFifeAdapters },
    { createServices },
    { startSimulator },
  ] = await application;
  if (dbOpts.demo) {
    if (await seedDemoPeople(db)) log.info('demo experiment samdev and demo users created');
    const campaigns = [...(await seedDemoCampaigns(db)), ...(await seedDdDemo(db))];
    if (campaigns.length) log.info({ campaigns }, 'demo campaigns created');
    mark('seed');
  }

  let sim: RunningSimulator | null = null;
  if (runsSimulator(config)) {
    sim = await startSimulator({
      port: config.sim.port,
      stateDir: config.sim.state_dir,
      seed: config.sim.seed,
      clock: { speed: config.sim.speed },
      demo: true,
      pomsUrl: config.server.base_url ?? `http://127.0.0.1:${config.server.port}`,
    });
    log.info({ url: sim.url, speed: config.sim.speed }, 'FIFE simulator running (SAM, Lens, jobsub shims)');
  }
  const fife = createFifeAdapters(config, sim);
  const services = createServices({
    db,
    config,
    log,
    fife: { ...fife, callbackUrl: config.server.base_url ?? `http://127.0.0.1:${config.server.port}` },
  });
  if (sim) mark('simulator');
  const app = createApp(services, config, { logger: log });
  mark('app');
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(config.server.port, config.server.host, () => ok(s));
    s.on('error', fail);
  }).catch((e: Error): never => {
    console.error(`POMS cannot listen on ${config.server.host}:${config.server.port}: ${e.message}`);
    process.exit(4);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.server.port;
  // `code` says what runs: the compiled build (npm start after npm run build) or the TypeScript loader.
  const code = import.meta.filename.endsWith('.js') ? 'compiled' : 'typescript';
  mark('listening');
  log.info({ database: dbLabel, host: config.server.host, port, code, startupMs: at }, 'started');
  if (isFirstProcess()) console.log(startupLine(config, port));

  registerLoops(services.loops, services, config);
  await services.heartbeat.start();
  if (config.loops.enabled) {
    services.loops.start();
    await services.scheduler.start();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections?.();
    });
    await services.stop();
    await sim?.stop();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
