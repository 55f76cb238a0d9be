import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { SimClock } from './clock/sim-clock.js';
import { seedDemoWorld } from './demo/demo-world.js';
import { createSimApp } from './http/create-sim-app.js';
import { demoRegistry, RegistryDirectory } from './registry/registry-directory.js';
import { StateFile } from './persistence/state-file.js';
import { writeShims } from './shims/write-shims.js';
import type { SimOptions } from './sim-options.js';
import { SimWorld } from './world/sim-world.js';

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `${url}/sam`: clients append `/<experiment>/api/…` */
  samBaseUrl: string;
  /** `${url}/lens/query` */
  lensUrl: string;
  /** `${url}/ferry`: the simulated lab registry (FERRY's read calls) */
  ferryUrl: string;
  /** A bearer token the simulated SAM accepts for writes (and MetaCat, DD and Rucio as their token). */
  samToken: string;
  /** `${url}/metacat/app`, `${url}/dd/data`, `${url}/rucio`: the Rucio-era services' base URLs. */
  metacatUrl: string;
  ddUrl: string;
  rucioUrl: string;
  /** Absolute directory of the launch-host shims; goes first on the launch host's PATH. */
  shimBinDir: string;
  world: SimWorld;
  clock: SimClock;
  /** Closes the server, stops the clock, saves the world, removes a temporary shim directory. */
  stop(): Promise<void>;
}

/** What POMS needs of a simulator: where it answers (its own process or this one, over HTTP alike). */
export type SimEndpoints = Omit<RunningSimulator, 'world' | 'clock' | 'stop'>;

/** The endpoints of a simulator answering at `url`: each service's base below it. */
export const simEndpoints = (url: string, samToken: string, shimBinDir: string): SimEndpoints => ({
  url,
  samBaseUrl: `${url}/sam`,
  lensUrl: `${url}/lens/query`,
  ferryUrl: `${url}/ferry`,
  samToken,
  metacatUrl: `${url}/metacat/app`,
  ddUrl: `${url}/dd/data`,
  rucioUrl: `${url}/rucio`,
  shimBinDir,
});

/** Starts the FIFE simulator: one world, its HTTP fronts, and the launch-host shims. */
export async function startSimulator(opts: SimOptions = {}): Promise<RunningSimulator> {
  const stateFile = opts.stateDir ? new StateFile(opts.stateDir) : undefined;
  const saved = stateFile?.load();
  const start = saved?.now ?? opts.startTime?.getTime() ?? Math.floor(Date.now() / 1000) * 1000;
  const clock = new SimClock(opts.clock ?? 'real', start);
  const world = new SimWorld({ clock, seed: opts.seed ?? 42, saved, schedds: opts.schedds });
  if (!saved && opts.demo) seedDemoWorld(world);
  stateFile?.attach(world);
  if (stateFile && !saved) await stateFile.save();

  const samTokens = opts.samTokens?.length
    ? opts.samTokens
    : [`simsam_${crypto.randomBytes(24).toString('base64url')}`];
  const registry = new RegistryDirectory();
  if (opts.demo) registry.replace(demoRegistry());
  const app = createSimApp(world, {
    registry,
    samAuth: { tokens: samTokens },
    pomsUrl: opts.pomsUrl,
    save: () => stateFile?.save() ?? Promise.resolve(),
  });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((ok, fail) => {
    const s = opts.tls
      ? https
          .createServer({ ...opts.tls, requestCert: true, rejectUnauthorized: false }, app)
          .listen(opts.port ?? 0, host, () => ok(s))
      : app.listen(opts.port ?? 0, host, () => ok(s));
    s.on('error', fail);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`;

  const tempShims = !opts.shimDir && !opts.stateDir;
  const shimDir =
    opts.shimDir ??
    (opts.stateDir
      ? path.join(opts.stateDir, 'bin')
      : fs.mkdtempSync(path.join(os.tmpdir(), 'poms-sim-bin-')));
  const shimBinDir = writeShims(shimDir, url);

  let stopped = false;
  return {
    ...simEndpoints(url, samTokens[0], shimBinDir),
    world,
    clock,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      clock.stop();
      await stateFile?.close();
      if (tempShims) fs.rmSync(shimBinDir, { recursive: true, force: true });
    },
  };
}
