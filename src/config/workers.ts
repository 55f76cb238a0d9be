import os from 'node:os';
import type { Config } from './config-schema.js';

/** How many application processes `[server] workers` asks for (0 = one per CPU). */
export const workerCount = (c: Config): number => c.server.workers || os.availableParallelism();

/** True when the in-process FIFE simulator would start (some service in sim mode, [sim] enabled). */
export const runsSimulator = (c: Config): boolean =>
  c.sim.enabled && [c.sam.mode, c.lens.mode, c.jobsub.mode, c.registry.mode].includes('sim');

/** Why this configuration cannot run several worker processes, each naming the setting to change. */
export function workerProblems(c: Config): string[] {
  if (workerCount(c) <= 1) return [];
  const out: string[] = [];
  if (!c.database.url)
    out.push(
      `[server] workers: ${workerCount(c)} processes need PostgreSQL ([database] url or DATABASE_URL); ` +
        'the embedded database belongs to one process: set workers = 1 or configure a database',
    );
  if (runsSimulator(c))
    out.push(
      `[server] workers: ${workerCount(c)} processes would each start their own simulator; set ` +
        '[sim] enabled = false and run `npm run sim` on its own (pointing [sam], [lens], [jobsub] at it), ' +
        'or set workers = 1',
    );
  return out;
}
