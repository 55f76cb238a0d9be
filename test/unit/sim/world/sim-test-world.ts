// A manual-clock world for unit tests, and small drivers.
import { SimClock } from '../../../../src/sim/clock/sim-clock.js';
import { seedDemoWorld } from '../../../../src/sim/demo/demo-world.js';
import { runShimCommand } from '../../../../src/sim/jobsub/jobsub-routes.js';
import type { FifeLaunchDeps } from '../../../../src/sim/jobsub/fife-launch.js';
import type { ShimReply } from '../../../../src/sim/jobsub/shim-protocol.js';
import { SimWorld } from '../../../../src/sim/world/sim-world.js';
import type { WorldState } from '../../../../src/sim/world/world-state.js';

export const T0 = Date.parse('2025-04-01T10:00:00Z');
export const MINUTE = 60_000;

export function manualWorld(opts: { demo?: boolean; seed?: number; saved?: WorldState } = {}) {
  const clock = new SimClock('manual', opts.saved?.now ?? T0);
  const world = new SimWorld({ clock, seed: opts.seed ?? 42, saved: opts.saved });
  if (opts.demo && !opts.saved) seedDemoWorld(world);
  return { clock, world };
}

/** The launch environment POMS exports for submission `sid` of stage `stage`. */
export function pomsEnv(sid: number, stage = 'reco'): Record<string, string> {
  return {
    POMS4_SUBMISSION_ID: String(sid),
    POMS_TASK_ID: String(sid),
    POMS4_CAMPAIGN_STAGE_ID: '7',
    POMS4_CAMPAIGN_STAGE_NAME: stage,
    POMS4_CAMPAIGN_ID: '3',
    POMS4_CAMPAIGN_NAME: 'demo',
  };
}

export function shim(
  world: SimWorld,
  command: string,
  argv: string[],
  env: Record<string, string> = {},
  deps: FifeLaunchDeps = {},
): Promise<ShimReply> {
  return runShimCommand(
    world,
    command,
    { argv, env: { USER: 'samdevpro', GROUP: 'fermilab', ...env }, cwd: '/tmp' },
    deps,
  );
}

/** Advances in steps until `done()` holds; throws after `maxMs` of virtual time. */
export function advanceUntil(
  clock: SimClock,
  done: () => boolean,
  stepMs = MINUTE,
  maxMs = 24 * 3600_000,
): number {
  let spent = 0;
  while (!done()) {
    if (spent >= maxMs) throw new Error(`condition not reached within ${maxMs} ms`);
    clock.advance(stepMs);
    spent += stepMs;
  }
  return spent;
}

/** `cluster` of the `Use job id C.0@schedd` line. */
export function clusterOf(stdout: string): number {
  const m = /^Use job id (\d+)\.0@\S+ to retrieve output$/m.exec(stdout);
  if (!m) throw new Error(`no job id in:\n${stdout}`);
  return Number(m[1]);
}
