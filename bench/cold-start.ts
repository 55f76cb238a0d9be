// Cold start to first page, as a site or a newcomer starts POMS: on the PostgreSQL database of the
// bench (existing schema, no seed, loops and simulator off), and embedded (PGlite) on an empty
// folder then on the same folder again, with the newcomer's defaults (demo seed, simulator, loops).
// The first page is the campaign list of a signed-in user; the app's own start-up steps (ms since
// its process started, from its 'started' log line) say where the time went.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuSeconds, processTree, signIn, startApp, waitFor } from './app-process.js';

export interface ColdStart {
  case: string;
  ms: number;
  /** CPU seconds the app's processes used to get there. */
  cpuS: number;
  steps?: Record<string, number>;
}

async function once(name: string, port: number, env: Record<string, string | undefined>): Promise<ColdStart> {
  const app = startApp({ PORT: String(port), POMS_SERVER_LOG_LEVEL: 'info', ...env });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(base, '/health/live');
    const cookie = await signIn(base, 'producer');
    await waitFor(base, '/experiments/samdev/campaigns', { cookie });
    const ms = performance.now() - app.started;
    const cpuS = cpuSeconds(processTree(app.child.pid!));
    return { case: name, ms, cpuS, steps: app.startup() };
  } finally {
    await app.stop();
  }
}

export async function coldStartBench(url: string, port: number): Promise<ColdStart[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-cold-'));
  const embedded = {
    DATABASE_URL: '',
    POMS_DATABASE_EMBEDDED_DIR: path.join(dir, 'pglite'),
    POMS_SIM_STATE_DIR: path.join(dir, 'sim'),
    POMS_DEMO_SEED: undefined,
    POMS_SIM_ENABLED: undefined,
    POMS_LOOPS_ENABLED: undefined,
  };
  try {
    return [
      await once('PostgreSQL, existing database', port, { DATABASE_URL: url }),
      await once('embedded, fresh folder', port, embedded),
      await once('embedded, existing folder', port, embedded),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function printColdStart(rows: ColdStart[]): void {
  console.log('cold start to first page (steps: ms since the process started)');
  for (const r of rows)
    console.log(
      `  ${r.case.padEnd(30)} ${(r.ms / 1000).toFixed(1).padStart(5)} s, cpu ${r.cpuS.toFixed(1)} s` +
        (r.steps
          ? `  ${Object.entries(r.steps)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : ''),
    );
}
