import { KNOWN, type LensEntry } from './lens-entry.js';

const DIGITS = /^\s*\d+\s*$/;
const COUNTS = ['idle', 'running', 'held', 'completed', 'failed', 'cancelled'] as const;

function count(v: unknown): number | undefined {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return typeof v === 'string' && DIGITS.test(v) ? Number(v) : undefined;
}

function taskId(v: unknown): number | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isSafeInteger(v) ? v : null) : undefined;
  if (typeof v === 'string') return DIGITS.test(v) ? Number(v) : null;
  return undefined;
}

const absent = (v: unknown) => v === null || v === undefined;

/**
 * lensEntrySchema's result for the answers Lens gives (every field of the expected type), without
 * zod: a poll of 10,000 submissions parses 10,000 of these, and zod took ~17 µs each. undefined for
 * anything else (a field of another type, a non-object), which the schema then judges and words.
 */
export function plainLensEntry(value: unknown): LensEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string') return undefined;
  const pomsTaskID = taskId(o.pomsTaskID);
  if (pomsTaskID === undefined) return undefined;
  if (!absent(o.done) && typeof o.done !== 'boolean') return undefined;
  const counts = COUNTS.map((k) => count(o[k]));
  if (counts.some((c) => c === undefined)) return undefined;
  const { njobs, submitTime, args } = o;
  if (!absent(njobs) && !(typeof njobs === 'number' && Number.isFinite(njobs))) return undefined;
  if (!absent(submitTime) && typeof submitTime !== 'string')
    if (!(typeof submitTime === 'number' && Number.isFinite(submitTime))) return undefined;
  if (!absent(args) && typeof args !== 'string') return undefined;
  const env: Record<string, string | null> = {};
  for (const k in o) {
    const v = o[k];
    if (!KNOWN.has(k) && (typeof v === 'string' || v === null)) env[k] = v;
  }
  const [idle, running, held, completed, failed, cancelled] = counts as number[];
  return {
    id: o.id,
    pomsTaskID,
    done: (o.done as boolean | null | undefined) ?? false,
    ...(o.error === undefined ? {} : { error: o.error }),
    idle,
    running,
    held,
    completed,
    failed,
    cancelled,
    ...(typeof njobs === 'number' ? { njobs } : {}),
    ...(absent(submitTime) ? {} : { submitTime: String(submitTime as string | number) }),
    ...(typeof args === 'string' ? { args } : {}),
    env,
  };
}
