import * as z from 'zod';
import { EVENT_KINDS } from '../../../domain/notify/event-kinds.js';

const many = (v: unknown): unknown => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const last = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);
/** JSON true/false, or a form checkbox after its hidden "false" twin. */
const flag = z.preprocess(
  last,
  z.union([z.boolean(), z.enum(['true', 'false', 'on']).transform((v) => v !== 'false')]),
);
/** Hours, or empty / null for "inherit". */
const hours = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.coerce.number().int().min(1).max(720).nullable(),
);

export const campaignParams = z.object({ exp: z.string().min(1), id: z.coerce.number().int().positive() });
export const experimentParams = z.object({ exp: z.string().min(1) });

/** A subscription; no kinds: every kind. */
export const subscriptionBody = z.object({
  kinds: z.preprocess(many, z.array(z.enum(EVENT_KINDS))).default([...EVENT_KINDS]),
  email: flag.default(true),
  webhook: flag.default(false),
  digest: flag.default(false),
});

export const experimentSubscriptionBody = subscriptionBody.extend({ experiment: z.string().min(1) });

export const unsubscribeBody = z.object({
  experiment: z.string().min(1),
  campaign_id: z
    .preprocess((v) => (v === '' ? null : v), z.coerce.number().int().positive().nullable())
    .default(null),
});

export const settingsBody = z.object({
  email: z.preprocess((v) => (v === '' ? null : v), z.email().nullable()).default(null),
  webhook_url: z
    .preprocess((v) => (v === '' ? null : v), z.url({ protocol: /^https?$/ }).nullable())
    .default(null),
});

/** `stage_<id>` form fields, or `stages: {id: hours}` in JSON. */
export const stallBody = z.preprocess(
  (v) => {
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const stages: Record<string, unknown> = { ...((o.stages as Record<string, unknown>) ?? {}) };
    for (const [k, val] of Object.entries(o)) if (/^stage_\d+$/.test(k)) stages[k.slice(6)] = val;
    return { stall_hours: o.stall_hours, stages };
  },
  z.object({ stall_hours: hours, stages: z.record(z.string().regex(/^\d+$/), hours).default({}) }),
);

export const experimentStallBody = z.object({ stall_hours: hours });
