// Helpers for the simulator's integration tests: real HTTP and real shim processes.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../../../src/sim/index.js';

const exec = promisify(execFile);

export interface Ran {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a shim from the simulator's bin directory as a child process (POMS_SIM_URL set). */
export async function runShim(
  sim: RunningSimulator,
  command: string,
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<Ran> {
  try {
    const r = await exec(`${sim.shimBinDir}/${command}`, args, {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        POMS_SIM_URL: sim.url,
        USER: 'samdevpro',
        GROUP: 'fermilab',
        ...env,
      },
      encoding: 'utf8',
      ...(cwd ? { cwd } : {}),
    });
    return { stdout: r.stdout, stderr: r.stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
      code: typeof err.code === 'number' ? err.code : -1,
    };
  }
}

export async function lens(sim: RunningSimulator, query: string): Promise<{ status: number; body: any }> {
  const res = await fetch(sim.lensUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, operationName: null }),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text (garbage outage)
  }
  return { status: res.status, body };
}

export async function sam(
  sim: RunningSimulator,
  pathAndQuery: string,
  /** `token`: the bearer token sent (default the simulator's write token; null sends none). */
  init: { method?: string; form?: Record<string, string>; token?: string | null } = {},
): Promise<{ status: number; text: string }> {
  const token = init.token === undefined ? sim.samToken : init.token;
  const res = await fetch(`${sim.samBaseUrl}/samdev/api${pathAndQuery}`, {
    method: init.method ?? (init.form ? 'POST' : 'GET'),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
  });
  return { status: res.status, text: await res.text() };
}

export async function admin(
  sim: RunningSimulator,
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
) {
  const res = await fetch(`${sim.url}/sim/admin${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: await res.json() };
}

/** Advances the manual clock over HTTP. */
export const advance = (sim: RunningSimulator, ms: number) => admin(sim, '/clock/advance', { ms });

export const POMS_ENV = (sid: number, stage = 'reco') => ({
  POMS4_SUBMISSION_ID: String(sid),
  POMS_TASK_ID: String(sid),
  POMS4_CAMPAIGN_STAGE_ID: '7',
  POMS4_CAMPAIGN_STAGE_NAME: stage,
  POMS4_CAMPAIGN_ID: '3',
});
