import path from 'node:path';
import { parseJobId } from '../../adapters/jobsub/parse/index.js';
import { condorUserLog } from '../batch/condor-user-log.js';
import type { SimJob } from '../batch/batch-types.js';
import type { SimWorld } from '../world/sim-world.js';
import { last, parseCli } from './cli-args.js';
import { failure, type ShimReply, type ShimRequest } from './shim-protocol.js';
import { tarGz } from '../../lib/tar-gz.js';

const VALUED = {
  '-G': 'group',
  '--group': 'group',
  '--role': 'role',
  '-J': 'jobid',
  '--jobid': 'jobid',
  '--destdir': 'destdir',
  '--dest-dir': 'destdir',
  '--archive-format': 'format',
};

/**
 * jobsub_fetchlog -J <id> [--destdir D]: the job's `.out`, `.err` and condor user `.log` (for a DAG
 * id also DAGMan's and every node's), unpacked into D, or as `<id>.tgz` in the working directory.
 * History is kept, so jobs that left the queue still have logs.
 */
export function jobsubFetchlog(world: SimWorld, req: ShimRequest): ShimReply {
  const p = parseCli(req.argv, { valued: VALUED });
  const id = last(p, 'jobid') ?? p.positionals[0];
  if (!id) return failure('jobsub_fetchlog: error: the following arguments are required: -J/--jobid\n', 2);
  if ((last(p, 'format') ?? 'tar') !== 'tar')
    return failure('jobsub_fetchlog: the simulator only writes tar archives\n', 2);
  const parsed = parseJobId(id);
  if (!parsed) return failure(`jobsub_fetchlog: error: invalid job id ${id}\n`, 2);
  const jobs = world.batch
    .allJobs()
    .filter(
      (j) => j.schedd === parsed.schedd && (j.cluster === parsed.cluster || j.submission === parsed.cluster),
    )
    .filter((j) => parsed.proc === null || j.cluster !== parsed.cluster || j.proc === parsed.proc);
  if (jobs.length === 0) return failure(`Error: no logs for job ${id}: job not found\n`, 1);
  const files = jobs.flatMap((j) => logFiles(world, j));
  const destdir = last(p, 'destdir');
  if (destdir) {
    const dir = path.posix.resolve(req.cwd, destdir);
    return {
      stdout: `Retrieved logs of ${id} into ${dir}\n`,
      stderr: '',
      exitCode: 0,
      files: files.map((f) => ({
        path: path.posix.join(dir, f.name),
        base64: Buffer.from(f.content).toString('base64'),
      })),
    };
  }
  const archive = path.posix.join(req.cwd, `${id}.tgz`);
  return {
    stdout: `Retrieved logs of ${id} into ${archive}\n`,
    stderr: '',
    exitCode: 0,
    files: [{ path: archive, base64: tarGz(files, world.now()).toString('base64') }],
  };
}

function logFiles(world: SimWorld, job: SimJob): Array<{ name: string; content: string }> {
  const sub = world.batch.submission(job.submission)!;
  const base = job.role === 'dagman' ? 'dataset.dag' : `${job.node ?? 'job'}.${job.cluster}.${job.proc}`;
  const out = job.out.map((l) => `${l}\n`).join('');
  return [
    { name: `${base}.out`, content: out },
    {
      name: `${base}.err`,
      content: [
        ...(job.err ?? []),
        ...(job.exitCode ? [`application exited with status ${job.exitCode}`] : []),
      ]
        .map((l) => `${l}\n`)
        .join(''),
    },
    {
      name: job.role === 'dagman' ? `${base}.dagman.log` : `${base}.log`,
      content: condorUserLog(job, sub.owner),
    },
  ];
}
