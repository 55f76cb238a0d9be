import type { Knex } from 'knex';

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

export type HealthService = ReturnType<typeof healthService>;
