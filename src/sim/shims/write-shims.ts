import fs from 'node:fs';
import path from 'node:path';
import { SHIM_COMMANDS, SHIM_NOOP_COMMANDS } from '../jobsub/shim-protocol.js';
import { commandShim, noopShim } from './shim-source.js';

export const SIM_URL_FILE = 'sim-url';

/**
 * Writes the launch-host shims into `dir` (created if needed; existing shims are replaced) and the
 * `sim-url` file they read when POMS_SIM_URL is not set. Returns the absolute directory.
 */
export function writeShims(dir: string, simUrl: string): string {
  const abs = path.resolve(dir);
  fs.mkdirSync(abs, { recursive: true });
  const write = (name: string, text: string) => {
    const file = path.join(abs, name);
    fs.writeFileSync(file, text, { mode: 0o755 });
    fs.chmodSync(file, 0o755);
  };
  for (const c of SHIM_COMMANDS) write(c, commandShim(c));
  for (const c of SHIM_NOOP_COMMANDS) write(c, noopShim(c));
  fs.writeFileSync(path.join(abs, SIM_URL_FILE), `${simUrl}\n`);
  return abs;
}
