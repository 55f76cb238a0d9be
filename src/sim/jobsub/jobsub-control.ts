import { formatControlReply, parseJobId, type ControlCommand } from '../../adapters/jobsub/parse/index.js';
import type { SimWorld } from '../world/sim-world.js';
import { last, parseCli } from './cli-args.js';
import {
  ConstraintError,
  jobsForId,
  missingSchedd,
  scheddNotFound,
  selectedIds,
  selectJobs,
  SELECTION_OPTIONS,
  type SelectedJob,
} from './job-selection.js';
import { failure, jobsubGroup, reply, type ShimReply, type ShimRequest } from './shim-protocol.js';

const VALUED = { ...SELECTION_OPTIONS, '--reason': 'reason', '-reason': 'reason' };

/**
 * jobsub_rm / jobsub_hold / jobsub_release by `--constraint` and/or ids (`--jobid=a,b`, `-J id`,
 * positional). A constraint acts on the group's queued jobs; each id on that cluster or proc.
 * One condor-like reply line per target; exit 1 when some target matched nothing or its schedd is
 * not advertised by the collector (a constraint only reaches the advertised schedds).
 */
export function jobsubControl(world: SimWorld, command: ControlCommand, req: ShimRequest): ShimReply {
  const prog = `jobsub_${command}`;
  const p = parseCli(req.argv, { valued: VALUED });
  if (p.errors.length) return failure(`${prog}: error: ${p.errors.join('; ')}\n`, 2);
  const ids = selectedIds(p);
  const constraint = last(p, 'constraint');
  if (!constraint && ids.length === 0)
    return failure(`${prog}: error: give --constraint or at least one job id\n`, 2);
  const group = jobsubGroup(last(p, 'group'), req.env);
  const user = req.env.USER || req.env.LOGNAME || 'poms';
  const reason = last(p, 'reason') ?? `via condor_${command} (by user ${user})`;
  const lines: string[] = [];
  let allFound = true;
  const act = (targets: SelectedJob[]) =>
    targets.filter(({ job }) => apply(world, command, job, reason)).length > 0;
  const name = last(p, 'name');
  const nameMissing = missingSchedd(world, [], name);
  if (constraint && nameMissing) {
    allFound = false;
    lines.push(scheddNotFound(nameMissing));
  } else if (constraint) {
    let jobs: SelectedJob[];
    try {
      jobs = selectJobs(world, { group, schedd: name, constraint });
    } catch (e) {
      if (e instanceof ConstraintError) return failure(`Error: ${e.message}\n`, 1);
      throw e;
    }
    const found = act(jobs);
    allFound &&= found;
    lines.push(formatControlReply(command, { constraint }, found));
  }
  for (const id of ids) {
    const parsed = parseJobId(id);
    if (!parsed) return failure(`${prog}: error: invalid job id ${id}\n`, 2);
    if (world.faults.scheddMissing(parsed.schedd)) {
      allFound = false;
      lines.push(scheddNotFound(parsed.schedd));
      continue;
    }
    const found = act(jobsForId(world, id) ?? []);
    allFound &&= found;
    const target =
      parsed.proc === null ? { cluster: parsed.cluster } : { cluster: parsed.cluster, proc: parsed.proc };
    lines.push(formatControlReply(command, target, found));
  }
  return reply(lines.map((l) => `${l}\n`).join(''), allFound ? 0 : 1);
}

function apply(world: SimWorld, command: ControlCommand, job: SelectedJob['job'], reason: string): boolean {
  if (command === 'rm') return world.batch.remove(job);
  if (command === 'hold') return world.batch.hold(job, reason, 1);
  return world.batch.release(job);
}
