import type { Knex } from 'knex';
import type { Sam } from '../adapters/sam/sam.js';

export type HealthCheck = () => Promise<{ ok: boolean; detail?: string }>;

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; ms: number; detail?: string }>;
}

/** The database check plus one per adapter (SAM, Lens, launch host); each bounded in time. */
export function healthService(db: Knex, extra: Record<string, HealthCheck> = {}, timeoutMs = 3000) {
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
      const all = Object.fromEntries(entries);
      return { ok: Object.values(all).every((c) => c.ok), checks: all };
    },
  };
}

/**
 * SAM answers per experiment (`/sam/<experiment>/api`): the probe asks about the first active
 * experiment, so a deployment without the demo's `samdev` is checked against one it serves.
 */
export function samHealth(db: Knex, sam: Sam): HealthCheck {
  return async () => {
    const row = await db('experiments').where({ active: true }).orderBy('experiment').first('experiment');
    if (!row) return { ok: true, detail: 'no active experiment to ask SAM about' };
    const r = await sam.health(row.experiment as string);
    return { ...r, detail: [`experiment ${row.experiment as string}`, r.detail].filter(Boolean).join(': ') };
  };
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
    const row = await db('experiments').where({ active: true }).orderBy('experiment').first('experiment');
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
