import express from 'express';
import * as z from 'zod';
import type { SimWorld } from '../world/sim-world.js';
import { fifeLaunch, type FifeLaunchDeps } from './fife-launch.js';
import { jobsubControl } from './jobsub-control.js';
import { jobsubFetchlog } from './jobsub-fetchlog.js';
import { jobsubQ } from './jobsub-q.js';
import { drawLaunchFailure, jobsubSubmit } from './jobsub-submit.js';
import { failure, type ShimReply, type ShimRequest } from './shim-protocol.js';
import { parseSubmitArgs } from './submit-args.js';

const requestSchema = z.object({
  argv: z.array(z.string()),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().default('/'),
});

/** Runs one launch-host command against the world. */
export async function runShimCommand(
  world: SimWorld,
  command: string,
  req: ShimRequest,
  deps: FifeLaunchDeps = {},
): Promise<ShimReply> {
  switch (command) {
    case 'fife_launch':
    case 'sim_launch':
      return fifeLaunch(world, req, deps);
    case 'jobsub_submit': {
      const scope = { stage: req.env.POMS4_CAMPAIGN_STAGE_NAME, dataset: parseSubmitArgs(req.argv).dataset };
      return jobsubSubmit(world, req, await drawLaunchFailure(world, scope)).reply;
    }
    case 'jobsub_q':
      return jobsubQ(world, req);
    case 'jobsub_rm':
      return jobsubControl(world, 'rm', req);
    case 'jobsub_hold':
      return jobsubControl(world, 'hold', req);
    case 'jobsub_release':
      return jobsubControl(world, 'release', req);
    case 'jobsub_fetchlog':
      return jobsubFetchlog(world, req);
    default:
      return failure(`${command}: command not found\n`, 127);
  }
}

/** `POST /sim/jobsub/<command>` with a ShimRequest → ShimReply (see shim-protocol.ts). */
export function jobsubRoutes(world: SimWorld, deps: FifeLaunchDeps): express.Router {
  const r = express.Router();
  r.use(express.json({ limit: '5mb' }));
  r.post('/:command', async (req, res) => {
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success)
      return void res.status(400).json(failure(`bad shim request: ${z.prettifyError(parsed.error)}\n`, 2));
    const out = await runShimCommand(world, String(req.params.command), parsed.data, deps);
    res.status(out.exitCode === 127 ? 404 : 200).json(out);
  });
  return r;
}
