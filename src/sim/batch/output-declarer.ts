import type { SamFileRecord } from '../sam/catalogue/sam-file.js';
import type { SimContext } from '../world/sim-context.js';
import { pomsTaskIdOf } from '../lens/lens-view.js';
import { jobId, type SimJob, type SimSubmission } from './batch-types.js';

/** `raw_run1000_0001.root` → `raw_run1000_0001` */
export const fileStem = (name: string) => name.replace(/\.[^.]*$/, '');

/**
 * Declares the outputs of one processed input: `<prefix>_<input stem>.root` (more than one per
 * input: `…_<k>.root`), parent = the input, application version = the launch's version, created
 * now, runs and event counts inherited. A name already taken (an earlier pass made it) gets
 * `_c<cluster>` so a re-run never collides. Returns the names.
 */
export function declareOutputs(
  ctx: SimContext,
  sub: SimSubmission,
  job: SimJob,
  input: SamFileRecord,
): string[] {
  const k = ctx.faults.knobs({ stage: sub.stage, dataset: sub.dataset }).outputsPerFile;
  const names: string[] = [];
  for (let i = 0; i < k; i++) {
    const base = `${sub.outputPrefix}_${fileStem(input.name)}${i === 0 ? '' : `_${i}`}`;
    names.push(
      declare(ctx, sub, job, base, {
        parents: [input.name],
        runs: input.runs.map(([r, s]) => [r, s, input.runs[0]?.[2] ?? 'physics'] as [number, number, string]),
        eventCount: input.eventCount,
        firstEvent: input.firstEvent,
        lastEvent: input.lastEvent,
        fileType: input.fileType,
        size: Math.max(1, Math.floor(input.size / 2)),
        ...(input.startTime === undefined ? {} : { startTime: input.startTime }),
        ...(input.endTime === undefined ? {} : { endTime: input.endTime }),
      }),
    );
  }
  return names;
}

/**
 * A generator's output: `<prefix>_gen_<cluster>_<proc>_<nnn>.root`, no parents; run 1, subrun
 * proc×1000 + n.
 */
export function declareGeneratedOutput(ctx: SimContext, sub: SimSubmission, job: SimJob): string {
  const n = job.filesDone + 1;
  const now = ctx.now();
  const base = `${sub.outputPrefix}_gen_${sub.cluster}_${job.proc}_${String(n).padStart(3, '0')}`;
  return declare(ctx, sub, job, base, {
    parents: [],
    runs: [[1, job.proc * 1000 + n, 'mc']],
    eventCount: 100,
    firstEvent: 1,
    lastEvent: 100,
    fileType: 'mc',
    size: 250_000_000,
    startTime: now,
    endTime: now,
  });
}

/**
 * The metadata naming the POMS submission: a Data Dispatcher job's under the key its launch names
 * (POMS_METACAT_ATTRIBUTION_PARAM: MetaCat keys are free-form), a SAM job's under
 * poms.submission_id when SAM defines it.
 */
function submissionParam(sub: SimSubmission, samDefines: boolean): Record<string, string> {
  const sid = pomsTaskIdOf(sub);
  if (sid === null) return {};
  const key = sub.ddProject === undefined ? undefined : sub.env.POMS_METACAT_ATTRIBUTION_PARAM?.trim();
  if (key) return { [key]: sid };
  return samDefines ? { 'poms.submission_id': sid } : {};
}

function declare(
  ctx: SimContext,
  sub: SimSubmission,
  job: SimJob,
  base: string,
  meta: Partial<SamFileRecord>,
): string {
  const sam = ctx.sam(sub.experiment);
  const name = sam.catalogue.file(`${base}.root`) ? `${base}_c${job.cluster}.root` : `${base}.root`;
  const rec = sam.catalogue.declareFile(
    {
      name,
      ...meta,
      dataTier: sub.outputPrefix,
      fileFormat: 'artroot',
      createUser: sub.owner,
      group: sub.experiment,
      application: { family: 'sim', name: sub.outputPrefix, version: sub.outputVersion },
      checksum: [
        `adler32:${(0x10000 + ((sub.cluster * 7919 + job.proc * 104729 + job.filesDone) % 0xffff)).toString(16)}`,
      ],
      // What the POMS wrapper's jobs declare: the job id, and the POMS submission that launched it.
      params: {
        'sim.jobsub_id': jobId(job),
        ...submissionParam(sub, sam.parameterDefined('poms.submission_id')),
      },
    },
    ctx.now(),
  );
  const knobs = ctx.faults.knobs({ stage: sub.stage, dataset: sub.dataset });
  if (!ctx.rng.chance(knobs.neverLocatedFraction)) {
    const at = ctx.now() + ctx.rng.between(knobs.locationDelayMs);
    ctx.schedule(at, 'file.locate', rec.name, { scope: sub.experiment });
  }
  return rec.name;
}
