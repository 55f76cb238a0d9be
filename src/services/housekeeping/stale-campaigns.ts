import type { Knex } from 'knex';

/**
 * The original's make_stale_campaigns_inactive, as a loop: active campaigns with no submission
 * created in the last `days` days become inactive. Unlike the original, a campaign created or
 * edited within that time is left alone (a new campaign is not stale before its first launch).
 * `days` 0 turns it off. Returns a one-line summary naming the campaigns. One statement: nothing is
 * written once `signal` (the loop's lease) is aborted.
 */
export async function markStaleCampaignsInactive(
  db: Knex,
  days: number,
  o: { now?: Date; signal?: AbortSignal } = {},
): Promise<string> {
  if (days <= 0) return 'off ([housekeeping] stale_campaign_days = 0)';
  o.signal?.throwIfAborted();
  const now = o.now ?? new Date();
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const rows: Array<{ experiment: string; name: string }> = await db('campaigns as c')
    .where('c.active', true)
    .where('c.created_at', '<', cutoff)
    .where('c.updated_at', '<', cutoff)
    .whereNotExists(
      db('submissions as s')
        .whereRaw('s.campaign_id = c.campaign_id')
        .where('s.created_at', '>=', cutoff)
        .select(db.raw('1')),
    )
    .update({ active: false })
    .returning(['experiment', 'name']);
  const names = rows.map((r) => `${r.experiment}/${r.name}`).sort();
  return `${names.length} campaign(s) idle ${days} day(s) marked inactive${names.length ? `: ${names.slice(0, 20).join(', ')}` : ''}`;
}
