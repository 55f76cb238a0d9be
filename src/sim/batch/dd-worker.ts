import type { SimContext } from '../world/sim-context.js';
import { jobId, type SimJob, type SimSubmission } from './batch-types.js';

// A job of a Data Dispatcher submission is a DD worker (data_dispatcher docs/worker.rst): its worker
// id is its job id; it loops next_file → process → release, `done` (outputs declared with the input
// as parent) or `failed` (final, retry=no, so POMS recovers it from the handle states). It stops
// when the project has no initial handle left (files other workers hold are theirs to finish), when
// the project is no longer active, or after SIM_FILES_PER_JOB files. An application crash releases
// the file in hand `failed` before the job exits; a job held, removed or lost mid-file keeps its
// reservation until the project's worker_timeout gives it back.

export const ddWorkerId = (job: SimJob) => jobId(job);

/** Reserves the worker's next file; its DID, or null when the worker should stop. */
export function ddNextFile(ctx: SimContext, sub: SimSubmission, job: SimJob): string | null {
  const p = ctx.dd.get(sub.ddProject!);
  if (!p || p.state !== 'active') return null;
  if (sub.filesPerJob !== undefined && job.filesDone >= sub.filesPerJob) return null;
  const got = ctx.dd.reserve(p, ddWorkerId(job), ctx.now());
  if ('retry' in got) return null;
  ctx.noteDelivery(got.namespace, got.name);
  return `${got.namespace}:${got.name}`;
}

/** Releases the file the worker holds; false when DD no longer counts it as this worker's. */
export function ddRelease(ctx: SimContext, sub: SimSubmission, job: SimJob, did: string, failed: boolean) {
  const p = ctx.dd.get(sub.ddProject!);
  if (!p) return false;
  try {
    ctx.dd.release(p, did, ddWorkerId(job), failed, false, ctx.now());
    return true;
  } catch {
    return false;
  }
}

/** Files a worker expects to take (where a drawn crash may fall). */
export function ddExpectedFiles(ctx: SimContext, sub: SimSubmission): number {
  const n = ctx.dd.get(sub.ddProject!)?.handles.length ?? 1;
  return sub.filesPerJob ?? Math.max(1, Math.ceil(n / Math.max(1, sub.njobs)));
}

/** `ns:name` → [experiment (the namespace), file name]. */
export function splitDid(did: string): [string, string] {
  const i = did.indexOf(':');
  return [did.slice(0, i), did.slice(i + 1)];
}
