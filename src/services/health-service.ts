import type { Knex } from 'knex';
import type { Sam } from '../adapters/sam/sam.js';
import type { DataServiceKind } from '../domain/files/data-service-kind.js';
import { markUnused, type CheckResult } from '../domain/health/unused-checks.js';

export type HealthCheck = () => Promise<{ ok: boolean; detail?: string }>;

export interface HealthReport {
  /** Every part an active experiment needs answers. */
  ok: boolean;
  /** Some part no active experiment uses is failing: reported, but it does not fail `ok`. */
  degraded: boolean;
  checks: Record<string, CheckResult>;
}

/**
 * The database check plus one per adapter (SAM, Lens, launch host); each bounded in time.
 * `serviceOf` names the data service a check belongs to (SAM's, or MetaCat's trio): a failing
 * check of a data service no active experiment uses is reported `unused` and leaves `ok` alone.
 */
export function healthService(
  db: Knex,
  extra: Record<string, HealthCheck> = {},
  timeoutMs = 3000,
  serviceOf: Readonly<Record<string, DataServiceKind>> = {},
) {
  const checks: Record<string, HealthCheck> = {
    database: async () => {
      await db.raw('select 1');
      return { ok: true };
    },
    ...extra,
  };
  return {
    register(name: string, check: HealthCheck) {
      checks[name] = check;
    },
    async check(): Promise<HealthReport> {
      const entries = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          const t0 = Date.now();
          let timer: NodeJS.Timeout | undefined;
          try {
            const timeout = new Promise<never>((_, fail) => {
              timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
            });
            const r = await Promise.race([check(), timeout]);
            return [name, { ...r, ms: Date.now() - t0 }] as const;
          } catch (e) {
            return [name, { ok: false, ms: Date.now() - t0, detail: (e as Error).message }] as const;
          } finally {
            clearTimeout(timer);
          }
        }),
      );
      const all: Record<string, CheckResult> = markUnused(
        Object.fromEntries(entries),
        serviceOf,
        await activeDataServices(db),
      );
      const failing = Object.values(all).filter((c) => !c.ok);
      return {
        ok: failing.every((c) => c.unused),
        degraded: failing.some((c) => c.unused),
        checks: all,
      };
    },
  };
}

/** The data service each data-service check belongs to (the others are needed by every experiment). */
export const HEALTH_SERVICE_OF: Readonly<Record<string, DataServiceKind>> = {
  sam: 'sam',
  sam_attribution: 'sam',
  metacat: 'metacat',
  data_dispatcher: 'metacat',
  rucio: 'metacat',
};

/** The first active experiment on SAM; else the first active one (SAM is then reported unused). */
const firstSamExperiment = async (db: Knex): Promise<{ experiment: string } | undefined> =>
  (await db('experiments')
    .where({ active: true })
    .orderByRaw("data_service = 'sam' desc")
    .orderBy('experiment')
    .first('experiment')) as { experiment: string } | undefined;

/**
 * SAM answers per experiment (`/sam/<experiment>/api`): the probe asks about the first active
 * experiment, so a deployment without the demo's `samdev` is checked against one it serves.
 */
export function samHealth(db: Knex, sam: Sam): HealthCheck {
  return async () => {
    const row = await firstSamExperiment(db);
    if (!row) return { ok: true, detail: 'no active experiment to ask SAM about' };
    const r = await sam.health(row.experiment as string);
    return { ...r, detail: [`experiment ${row.experiment as string}`, r.detail].filter(Boolean).join(': ') };
  };
}

/** The data services of the active experiments; null when the database does not answer. */
async function activeDataServices(db: Knex): Promise<Set<DataServiceKind> | null> {
  try {
    const rows: Array<{ data_service: DataServiceKind }> = await db('experiments')
      .where({ active: true })
      .distinct('data_service');
    return new Set(rows.map((r) => r.data_service));
  } catch {
    return null;
  }
}

export type HealthService = ReturnType<typeof healthService>;

/**
 * Exact attribution needs the metadata parameter in SAM (docs/numbers.md): the probe asks the first
 * active experiment's SAM for its parameters and fails, saying what to do, when it is not defined.
 */
export function samAttributionHealth(db: Knex, sam: Sam): HealthCheck {
  return async () => {
    const name = sam.attributionParam;
    if (!name)
      return { ok: true, detail: 'attribution by lineage and lifetime ([sam] attribution_param empty)' };
    const row = await firstSamExperiment(db);
    if (!row) return { ok: true, detail: 'no active experiment to ask SAM about' };
    const exp = row.experiment as string;
    const defined = (await sam.listParameters(exp)).some((p) => p.toLowerCase() === name.toLowerCase());
    return defined
      ? { ok: true, detail: `experiment ${exp}: SAM defines ${name}` }
      : {
          ok: false,
          detail: `experiment ${exp}: SAM does not define the metadata parameter ${name}, so outputs cannot be tied to their submission and every output count is refused. Define it (samweb add-parameter ${name} int), or set [sam] attribution_param = (empty) to attribute outputs by lineage and lifetime only (docs/numbers.md).`,
        };
  };
}
