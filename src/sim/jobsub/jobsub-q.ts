import { formatQueueLong, formatQueueText } from '../../adapters/jobsub/parse/index.js';
import { jobClassAd, queueRow } from '../batch/job-classad.js';
import { HELD, IDLE, RUNNING } from '../batch/batch-types.js';
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

const VALUED = { ...SELECTION_OPTIONS, '--user': 'user' };

/**
 * jobsub_q [-G g] [--user u] [--jobid=a,b | ids…] [--constraint expr] [-name schedd]
 * [--long | -json] [--hold | --run | --idle]. Without ids it lists the group's queued jobs on the
 * schedds the collector advertises; an id or `-name` on a schedd it does not advertise fails.
 */
export function jobsubQ(world: SimWorld, req: ShimRequest): ShimReply {
  const p = parseCli(req.argv, { valued: VALUED });
  if (p.errors.length) return failure(`jobsub_q: error: ${p.errors.join('; ')}\n`, 2);
  const ids = selectedIds(p);
  const missing = missingSchedd(world, ids, last(p, 'name'));
  if (missing) return failure(`${scheddNotFound(missing)}\n`, 1);
  let candidates: SelectedJob[] | undefined;
  if (ids.length) {
    candidates = [];
    for (const id of ids) {
      const found = jobsForId(world, id);
      if (found === null) return failure(`jobsub_q: error: invalid job id ${id}\n`, 2);
      candidates.push(...found);
    }
  }
  let jobs: SelectedJob[];
  try {
    jobs = selectJobs(
      world,
      {
        group: ids.length ? undefined : jobsubGroup(last(p, 'group'), req.env),
        user: last(p, 'user'),
        schedd: last(p, 'name'),
        constraint: last(p, 'constraint'),
      },
      candidates,
    );
  } catch (e) {
    if (e instanceof ConstraintError) return failure(`Error: ${e.message}\n`, 1);
    throw e;
  }
  const only = [
    p.flags.has('--hold') && HELD,
    p.flags.has('--run') && RUNNING,
    p.flags.has('--idle') && IDLE,
  ];
  const statuses = only.filter((s): s is number => s !== false);
  if (statuses.length) jobs = jobs.filter(({ job }) => statuses.includes(job.status));
  const now = world.now();
  if (p.flags.has('--long') || p.flags.has('-long') || p.flags.has('-l'))
    return reply(formatQueueLong(jobs.map(({ job, sub }) => jobClassAd(job, sub, now))));
  if (p.flags.has('-json') || p.flags.has('--json'))
    return reply(
      `${JSON.stringify(
        jobs.map(({ job, sub }) => jobClassAd(job, sub, now)),
        null,
        2,
      )}\n`,
    );
  return reply(formatQueueText(jobs.map(({ job, sub }) => queueRow(job, sub, now))));
}
