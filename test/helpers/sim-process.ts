import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import { simEndpoints, type SimEndpoints } from '../../src/sim/index.js';

type AdminFile = Record<string, unknown> & { name: string };

/** The simulator in its own process (`src/sim/main.ts`, manual clock): its URLs and its admin API. */
export interface SimProcess extends SimEndpoints {
  /** Moves the simulated clock on (every due event runs); resolves with its new now, in ms. */
  advance(ms: number): Promise<number>;
  now(): Promise<number>;
  /** Declares catalogue files (admin bodies: `runs`, `createDate`, `located`…), in batches. */
  addFiles(experiment: string, files: AdminFile[]): Promise<void>;
  defineDataset(experiment: string, name: string, dims: string, description?: string): Promise<void>;
  patchFaults(body: unknown): Promise<void>;
  stop(): Promise<void>;
}

const ADD_BATCH = 20_000;

/**
 * Starts the simulator as `npm run sim` does, in memory on a manual clock, in a child process of
 * its own: a test that drives a big world then does not share one thread (and one heap) with it.
 * `nodeArgs` go to that process's node (e.g. `--cpu-prof`; SIM_NODE_ARGS adds more);
 * SIM_SLOW_LOG_MS is passed on (slow and abandoned SAM calls on stderr, sam-routes.ts).
 */
export async function startSimProcess(seed: number, nodeArgs: string[] = []): Promise<SimProcess> {
  const samToken = `simsam_${crypto.randomBytes(24).toString('base64url')}`;
  const extra = (process.env.SIM_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      ...extra,
      '--import',
      'tsx',
      'src/sim/main.ts',
      '--memory',
      '--manual',
      '--port',
      '0',
      '--seed',
      String(seed),
      '--sam-token',
      samToken,
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        ...(process.env.SIM_SLOW_LOG_MS ? { SIM_SLOW_LOG_MS: process.env.SIM_SLOW_LOG_MS } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { url, shimBinDir } = await announced(child);
  const admin = async (path: string, method = 'GET', body?: unknown) => {
    const res = await fetch(`${url}/sim/admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sim admin ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    ...simEndpoints(url, samToken, shimBinDir),
    advance: async (ms) => Date.parse(String((await admin('/clock/advance', 'POST', { ms })).now)),
    now: async () => Date.parse(String((await admin('/clock')).now)),
    async addFiles(experiment, files) {
      for (let i = 0; i < files.length; i += ADD_BATCH)
        await admin(`/experiments/${experiment}/files`, 'POST', { files: files.slice(i, i + ADD_BATCH) });
    },
    async defineDataset(experiment, name, dims, description) {
      await admin(`/experiments/${experiment}/definitions`, 'POST', { name, dims, description });
    },
    async patchFaults(body) {
      await admin('/faults', 'PATCH', body);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits for main.ts's banner: the URL and the shim directory. */
function announced(child: ChildProcess): Promise<{ url: string; shimBinDir: string }> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}):\n${output}`)));
    const onData = (d: Buffer) => {
      output += d.toString();
      const url = /FIFE simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const shims = /shims\s+: (\S+)/.exec(output)?.[1];
      if (url && shims && /state\s+: in memory/.test(output)) {
        clearTimeout(timer);
        resolve({ url, shimBinDir: shims });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => {
      onData(d);
      process.stderr.write(d);
    });
  });
}
