import fs from 'node:fs';
import { MetacatClient } from '../../adapters/metacat/index.js';
import type { Config } from '../../config/config-schema.js';
import type { RunningSimulator } from '../../sim/index.js';

/**
 * The MetaCat client for experiments whose data service is `metacat`: the simulator's in `sim`
 * mode, else `[metacat] url` with the token read from `token_file` at each call (a renewed token is
 * used without a restart). Undefined when neither is there.
 */
export function metacatFor(
  config: Readonly<Config>,
  sim: RunningSimulator | null,
): MetacatClient | undefined {
  const m = config.metacat;
  const timeoutMs = m.timeout_s * 1000;
  if (m.mode === 'sim')
    return sim ? new MetacatClient({ baseUrl: sim.metacatUrl, token: sim.samToken, timeoutMs }) : undefined;
  if (!m.url) return undefined;
  const file = m.token_file;
  return new MetacatClient({
    baseUrl: m.url,
    timeoutMs,
    ...(file ? { token: () => fs.readFileSync(file, 'utf8').trim() } : {}),
  });
}
