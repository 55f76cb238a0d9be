import * as z from 'zod';

export const experimentParams = z.object({ exp: z.string().min(1) });

export const shifterQuery = z.object({
  /** Unset: each campaign's own stall threshold. */
  stall_hours: z.coerce.number().int().min(1).max(720).optional().catch(undefined),
  since_hours: z.coerce.number().int().min(1).max(2160).catch(72),
  /** Items shown per group (a phone screen's worth by default); every group reports its full count. */
  limit: z.coerce.number().int().min(1).max(200).catch(20),
});

const positiveId = z.coerce.number().int().positive();

/** Exactly one of submission_id and campaign_id (checked by the service, which names the field). */
export const acknowledgeBody = z.object({
  submission_id: z.union([positiveId, z.literal('').transform(() => undefined)]).optional(),
  campaign_id: z.union([positiveId, z.literal('').transform(() => undefined)]).optional(),
  note: z.string().trim().max(500).optional(),
});
