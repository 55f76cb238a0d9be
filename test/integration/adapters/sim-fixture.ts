import fs from 'node:fs';
import path from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';

/** A fresh in-memory demo world on a manual clock, serving on a free loopback port. */
export function startTestSimulator(): Promise<RunningSimulator> {
  return startSimulator({ port: 0, stateDir: null, seed: 1, clock: 'manual', demo: true });
}

/**
 * Links every shim into `binDir` (the throwaway sshd's `<dir>/bin`, first on the remote PATH),
 * replacing links left by an earlier simulator. The shims find the simulator through POMS_SIM_URL,
 * which the SSH shell exports in every script.
 */
export function linkShims(sim: RunningSimulator, binDir: string): void {
  fs.mkdirSync(binDir, { recursive: true });
  for (const name of fs.readdirSync(sim.shimBinDir)) {
    const link = path.join(binDir, name);
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.join(sim.shimBinDir, name), link);
  }
}

/** Admin API: merges fault knobs (`PATCH /sim/admin/faults`). */
export async function patchFaults(sim: RunningSimulator, knobs: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim.url}/sim/admin/faults`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(knobs),
  });
  if (!res.ok) throw new Error(`PATCH /sim/admin/faults: HTTP ${res.status} ${await res.text()}`);
}
