import { responseKey, type GraphqlDocument, type GraphqlField, type GraphqlValue } from './graphql/index.js';
import { parseJobId } from '../../adapters/jobsub/parse/index.js';
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
  for (const f of doc.selections) {
    const key = responseKey(f);
    try {
      data[key] = resolveRoot(world, f, t);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      data[key] = null;
      errors.push({ message: e.message, locations: [f.loc], path: [key] });
    }
  }
  return errors.length ? { data, errors } : { data };
}

function resolveRoot(world: SimWorld, f: GraphqlField, t: number): unknown {
  // Lens cannot see the pool behind a schedd the collector does not advertise (batch.missingSchedds).
  const reachable = (schedd: string) => !world.faults.scheddMissing(schedd);
  const subs = world.batch.allSubmissions().filter((s) => reachable(s.schedd));
  if (f.name === 'submissions') {
    const group = str(f.args.group);
    const user = str(f.args.user);
    const from = f.args.from === undefined ? undefined : time(f.args.from, t, 'from');
    const to = f.args.to === undefined ? t : time(f.args.to, t, 'to');
    const views = subs
      .filter((s) => (!group || s.group === group) && (!user || s.owner === user))
      .map((s) => lensSubmissionAt(world, s, Math.min(t, to)))
      .filter((v): v is LensSubmissionView => v !== null && (from === undefined || v.lastChange >= from));
    return views.map((v) => submissionFields(world, v, f.selections, t));
  }
  if (f.name === 'submission') {
    const byTask = f.args.pomsTaskID !== undefined;
    const want = byTask ? String(f.args.pomsTaskID) : toLensId(str(f.args.id));
    const sub = [...subs]
      .reverse()
      .find(
        (s) =>
          s.submitted <= t && (byTask ? pomsTaskIdOf(s) === want : `${s.cluster}.0@${s.schedd}` === want),
      );
    const match = sub && lensSubmissionAt(world, sub, t);
    if (!match) throw new FieldError(`no submission found with the given ${byTask ? 'pomsTaskId' : 'id'}`);
    return submissionFields(world, match, f.selections, t);
  }
  const p = parseJobId(str(f.args.id) ?? '');
  const job = p && world.batch.job(p.cluster, p.proc ?? 0);
  const view = job && job.schedd === p.schedd && reachable(job.schedd) ? lensJobAt(world, job, t) : null;
  if (!view) throw new FieldError('no job found with the given id');
  return jobFields(view, f.selections);
}

function submissionFields(world: SimWorld, v: LensSubmissionView, sel: GraphqlField[], t: number) {
  const out: Record<string, unknown> = {};
  for (const f of sel) {
    if (f.name === 'env') out[responseKey(f)] = v.env[str(f.args.name) ?? ''] ?? null;
    else if (f.name === 'jobs') {
      const sub = world.batch.submission(Number(v.id.split('.')[0]))!;
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

/** `C@schedd` and padded forms are accepted; Lens ids are `C.0@schedd`. */
function toLensId(id: string | undefined): string | undefined {
  const p = id ? parseJobId(id) : null;
  return p ? `${p.cluster}.${p.proc ?? 0}@${p.schedd}` : id;
}

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
