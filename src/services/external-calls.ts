import { isAdapterError } from '../adapters/adapter-error.js';

/**
 * The outside systems POMS calls: SAM, Lens, launch hosts over SSH (jobsub included), and for
 * MetaCat experiments MetaCat, Data Dispatcher and Rucio.
 */
export const EXTERNAL_SERVICES = ['sam', 'lens', 'ssh', 'metacat', 'data_dispatcher', 'rucio'] as const;
export type ExternalService = (typeof EXTERNAL_SERVICES)[number];

export const isExternalService = (name: string): name is ExternalService =>
  (EXTERNAL_SERVICES as readonly string[]).includes(name);

export interface ExternalCall {
  service: ExternalService;
  operation: string;
  /** Wall time of the call, in ms. */
  ms: number;
  ok: boolean;
  /** Why it failed (adapter error kind and message). */
  error?: string;
}

/** What this process last saw of one service (in memory: each process keeps its own). */
export interface ServiceState {
  service: ExternalService;
  calls: number;
  errors: number;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/** A health probe that answered `{ ok: false }` failed, though it resolved. */
const failedProbe = (v: unknown): string | undefined =>
  typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false
    ? String((v as { detail?: unknown }).detail ?? 'not ok')
    : undefined;

const describe = (e: unknown) =>
  isAdapterError(e) ? `${e.kind}: ${e.message}` : String((e as Error)?.message ?? e);

/**
 * Every call to an external service, seen through `observe`: kept as each service's last
 * success and last error (the root status page) and handed to listeners (the metrics). "Not found"
 * is an answer, so it counts as a success.
 */
export class ExternalCalls {
  private readonly state = new Map<ExternalService, ServiceState>();
  private readonly listeners: Array<(c: ExternalCall) => void> = [];

  constructor(private readonly now: () => Date = () => new Date()) {
    for (const service of EXTERNAL_SERVICES)
      this.state.set(service, {
        service,
        calls: 0,
        errors: 0,
        lastSuccessAt: null,
        lastErrorAt: null,
        lastError: null,
      });
  }

  onCall(listener: (c: ExternalCall) => void): void {
    this.listeners.push(listener);
  }

  record(c: ExternalCall): void {
    const s = this.state.get(c.service)!;
    s.calls += 1;
    if (c.ok) s.lastSuccessAt = this.now();
    else {
      s.errors += 1;
      s.lastErrorAt = this.now();
      s.lastError = c.error ?? 'failed';
    }
    for (const l of this.listeners) l(c);
  }

  states(): ServiceState[] {
    return [...this.state.values()].map((s) => ({ ...s }));
  }

  /** `fn` timed and recorded as `operation` of `service`. */
  timed<A extends unknown[], R>(service: ExternalService, operation: string, fn: (...a: A) => R) {
    return (...args: A): R => {
      const t0 = performance.now();
      const done = (ok: boolean, error?: string) =>
        this.record({ service, operation, ms: performance.now() - t0, ok, error });
      let out: R;
      try {
        out = fn(...args);
      } catch (e) {
        done(false, describe(e));
        throw e;
      }
      if (!isThenable(out)) return out;
      return out.then(
        (v) => {
          const failed = failedProbe(v);
          done(failed === undefined, failed);
          return v;
        },
        (e: unknown) => {
          if (isAdapterError(e) && e.kind === 'not_found') done(true);
          else done(false, describe(e));
          throw e;
        },
      ) as R;
    };
  }

  /** `target` with every method that returns a promise timed and recorded (`close` left alone). */
  observe<T extends object>(target: T, service: ExternalService, prefix = ''): T {
    return new Proxy(target, {
      get: (t, prop) => {
        const v: unknown = Reflect.get(t, prop, t);
        if (typeof v !== 'function' || typeof prop !== 'string' || prop === 'close') return v;
        return this.timed(service, prefix + prop, (...a: unknown[]) =>
          (v as (...x: unknown[]) => unknown).apply(t, a),
        );
      },
    });
  }
}
