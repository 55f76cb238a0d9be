import { isAdapterError } from '../adapter-error.js';

/** Result of a health probe: never thrown, always reported. */
export interface HealthReport {
  ok: boolean;
  /** Round trip of the probe, in ms. */
  latencyMs: number;
  /** Why it is not ok (error kind and message). */
  detail?: string;
}

/** Runs `probe` once and reports how it went. */
export async function probeHealth(probe: () => Promise<unknown>): Promise<HealthReport> {
  const start = performance.now();
  try {
    await probe();
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (e) {
    const detail = isAdapterError(e) ? `${e.kind}: ${e.message}` : String(e);
    return { ok: false, latencyMs: Math.round(performance.now() - start), detail };
  }
}
