import { responseKey, type GraphqlDocument, type GraphqlField, type GraphqlValue } from './graphql/index.js';
import { parseJobId } from '../../adapters/jobsub/parse/index.js';
import type { SimSubmission } from '../batch/batch-types.js';
import type { SimWorld } from '../world/sim-world.js';
import {
  lensJobAt,
  lensSubmissionAt,
  pomsTaskIdOf,
  type LensJobView,
  type LensSubmissionView,
} from './lens-view.js';
import { validateSelections, type GraphqlError } from './lens-schema.js';

export interface LensAnswer {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

class FieldError extends Error {}

/**
 * Runs a parsed Lens document against the world as of virtual time `t` (now − lag). An invalid
 * document gives only `errors`; a root field that fails (no such submission, bad argument) gives
 * null for its alias and an error whose `path` is that alias, as Lens does.
 */
export function executeLens(world: SimWorld, doc: GraphqlDocument, t: number): LensAnswer {
  const invalid = validateSelections(doc.selections, 'Query');
  if (invalid.length) return { errors: invalid };
  const data: Record<string, unknown> = {};
  const errors: GraphqlError[] = [];
  const pool = new LensPool(world);
  for (const f of doc.selections) {
    const key = responseKey(f);
    try {
      data[key] = resolveRoot(world, pool, f, t);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      data[key] = null;
      errors.push({ message: e.message, locations: [f.loc], path: [key] });
    }
  }
  return errors.length ? { data, errors } : { data };
}

/**
 * The submissions Lens can see while answering one document: those behind a schedd the collector
 * advertises (batch.missingSchedds). Built once per document, since a POMS poll asks for many
 * submissions by task id in one document.
 */
class LensPool {
  private visible?: SimSubmission[];
  private taskIndex?: Map<string, SimSubmission[]>;

  constructor(private readonly world: SimWorld) {}

  reachable(schedd: string): boolean {
    return !this.world.faults.scheddMissing(schedd);
  }

  submissions(): SimSubmission[] {
    return (this.visible ??= this.world.batch.allSubmissions().filter((s) => this.reachable(s.schedd)));
  }

  /** The latest submission, submitted by `t`, with that POMS task id. */
  byTaskId(taskId: string, t: number): SimSubmission | undefined {
    this.taskIndex ??= indexByTaskId(this.submissions());
    const subs = this.taskIndex.get(taskId) ?? [];
    for (let i = subs.length - 1; i >= 0; i--) if (subs[i].submitted <= t) return subs[i];
    return undefined;
  }

  /** The submission, submitted by `t`, with that jobsub id: `C@schedd`, `C.0@schedd` or padded. */
  byJobId(id: string | undefined, t: number): SimSubmission | undefined {
    const p = id === undefined ? null : parseJobId(id);
    if (!p || (p.proc ?? 0) !== 0) return undefined;
    const sub = this.world.batch.submission(p.cluster);
    return sub && sub.schedd === p.schedd && this.reachable(sub.schedd) && sub.submitted <= t
      ? sub
      : undefined;
  }
}

function indexByTaskId(subs: SimSubmission[]): Map<string, SimSubmission[]> {
  const out = new Map<string, SimSubmission[]>();
  for (const s of subs) {
    const id = pomsTaskIdOf(s);
    if (id === null) continue;
    const list = out.get(id);
    if (list) list.push(s);
    else out.set(id, [s]);
  }
  return out;
}

function resolveRoot(world: SimWorld, pool: LensPool, f: GraphqlField, t: number): unknown {
  if (f.name === 'submissions') {
    const group = str(f.args.group);
    const user = str(f.args.user);
    const from = f.args.from === undefined ? undefined : time(f.args.from, t, 'from');
    const to = f.args.to === undefined ? t : time(f.args.to, t, 'to');
    const views = pool
      .submissions()
      .filter((s) => (!group || s.group === group) && (!user || s.owner === user))
      .map((s) => lensSubmissionAt(world, s, Math.min(t, to)))
      .filter((v): v is LensSubmissionView => v !== null && (from === undefined || v.lastChange >= from));
    return views.map((v) => submissionFields(world, v, f.selections, t));
  }
  if (f.name === 'submission') {
    const byTask = f.args.pomsTaskID !== undefined;
    const sub = byTask ? pool.byTaskId(String(f.args.pomsTaskID), t) : pool.byJobId(str(f.args.id), t);
    const match = sub && lensSubmissionAt(world, sub, t);
    if (!match) throw new FieldError(`no submission found with the given ${byTask ? 'pomsTaskId' : 'id'}`);
    return submissionFields(world, match, f.selections, t);
  }
  const p = parseJobId(str(f.args.id) ?? '');
  const job = p && world.batch.job(p.cluster, p.proc ?? 0);
  const view = job && job.schedd === p.schedd && pool.reachable(job.schedd) ? lensJobAt(world, job, t) : null;
  if (!view) throw new FieldError('no job found with the given id');
  return jobFields(view, f.selections);
}

function submissionFields(world: SimWorld, v: LensSubmissionView, sel: GraphqlField[], t: number) {
  const out: Record<string, unknown> = {};
  for (const f of sel) {
    if (f.name === 'env') out[responseKey(f)] = v.env[str(f.args.name) ?? ''] ?? null;
    else if (f.name === 'jobs') {
      const sub = world.batch.submission(parseJobId(v.id)!.cluster)!;
      out[responseKey(f)] = world.batch
        .countedJobs(sub)
        .map((j) => lensJobAt(world, j, t))
        .filter((j): j is LensJobView => j !== null)
        .map((j) => jobFields(j, f.selections));
    } else out[responseKey(f)] = v[f.name as keyof LensSubmissionView] ?? null;
  }
  return out;
}

function jobFields(v: LensJobView, sel: GraphqlField[]) {
  const out: Record<string, unknown> = {};
  for (const f of sel) {
    out[responseKey(f)] =
      f.name === 'env' ? (v.env[str(f.args.name) ?? ''] ?? null) : (v[f.name as keyof LensJobView] ?? null);
  }
  return out;
}

const str = (v: GraphqlValue | undefined): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** `YYYY-MM-DDTHH:MM:SS` (UTC) or `now`. */
function time(v: GraphqlValue, now: number, name: string): number {
  if (v === 'now') return now;
  const s = str(v);
  const ms =
    s && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(s)
      ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`)
      : NaN;
  if (Number.isNaN(ms))
    throw new FieldError(`invalid ${name} time ${JSON.stringify(v)}: expected YYYY-MM-DDTHH:MM:SS or now`);
  return ms;
}
