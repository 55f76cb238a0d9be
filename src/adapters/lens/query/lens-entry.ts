import * as z from 'zod';

/** One Lens submission as POMS uses it. Counts missing from the answer are 0, `done` false. */
export interface LensEntry {
  /** jobsub id, `C.0@schedd` */
  id: string;
  /** POMS submission id; null when launched outside POMS or not a number. */
  pomsTaskID: number | null;
  done: boolean;
  error?: unknown;
  idle: number;
  running: number;
  held: number;
  completed: number;
  failed: number;
  cancelled: number;
  njobs?: number;
  submitTime?: string;
  args?: string;
  /** Aliased `env(name:)` fields: every other string-or-null field of the answer. */
  env: Record<string, string | null>;
}

export const KNOWN = new Set([
  'id',
  'pomsTaskID',
  'done',
  'error',
  'idle',
  'running',
  'held',
  'completed',
  'failed',
  'cancelled',
  'njobs',
  'submitTime',
  'args',
  'command',
  'status',
]);

const count = z
  .union([z.number(), z.string().regex(/^\s*\d+\s*$/), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? 0 : Number(v)));

const taskId = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => {
    if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
    return typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
  });

export const lensEntrySchema = z
  .looseObject({
    id: z.string(),
    pomsTaskID: taskId,
    done: z.boolean().nullish(),
    error: z.unknown().optional(),
    idle: count,
    running: count,
    held: count,
    completed: count,
    failed: count,
    cancelled: count,
    njobs: z.number().nullish(),
    submitTime: z.union([z.string(), z.number()]).nullish(),
    args: z.string().nullish(),
  })
  .transform((o): LensEntry => {
    const env: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(o)) {
      if (!KNOWN.has(k) && (typeof v === 'string' || v === null)) env[k] = v;
    }
    return {
      id: o.id,
      pomsTaskID: o.pomsTaskID,
      done: o.done ?? false,
      ...(o.error === undefined ? {} : { error: o.error }),
      idle: o.idle,
      running: o.running,
      held: o.held,
      completed: o.completed,
      failed: o.failed,
      cancelled: o.cancelled,
      ...(typeof o.njobs === 'number' ? { njobs: o.njobs } : {}),
      ...(o.submitTime === null || o.submitTime === undefined ? {} : { submitTime: String(o.submitTime) }),
      ...(typeof o.args === 'string' ? { args: o.args } : {}),
      env,
    };
  });
