import type { Knex } from 'knex';
import { stallReadModel, type StallFilter } from '../../db/read-models/stall-read-model.js';
import { campaignStalls, type CampaignStall } from '../../domain/stalls/campaign-stalls.js';

export interface StalledCampaign extends CampaignStall {
  name: string;
  owner: string | null;
  creator_role: string;
  unfinished: number;
  oldest_unfinished: Date;
  last_located: Date | null;
}

/**
 * Stalled campaigns (each stage against its own threshold), longest stall first; with
 * `hideAcknowledged`, one a shifter acknowledged since its stall began is left out until a file is
 * located again. Two statements whatever the number of campaigns.
 */
export async function stalledCampaigns(
  db: Knex,
  f: StallFilter,
  now: Date,
  opts: { hideAcknowledged?: boolean } = {},
): Promise<StalledCampaign[]> {
  const rows = await stallReadModel(db).stalledStages(f, now);
  let stalls = campaignStalls(rows, now);
  if (opts.hideAcknowledged && stalls.length) {
    const acks: Array<{ campaign_id: number; at: Date }> = await db('acknowledgements')
      .whereIn(
        'campaign_id',
        stalls.map((s) => s.campaign_id),
      )
      .groupBy('campaign_id')
      .select('campaign_id', db.raw('max(at) as at'));
    const acked = new Map(acks.map((a) => [Number(a.campaign_id), new Date(a.at).getTime()]));
    stalls = stalls.filter((s) => (acked.get(s.campaign_id) ?? -Infinity) < s.since.at.getTime());
  }
  return stalls.map((s) => {
    const mine = rows.filter((r) => r.campaign_id === s.campaign_id);
    const located = mine.map((r) => r.last_located).filter((d): d is Date => !!d);
    return {
      ...s,
      name: s.campaign,
      owner: mine[0].owner,
      creator_role: mine[0].creator_role,
      unfinished: mine.reduce((t, r) => t + r.unfinished, 0),
      oldest_unfinished: new Date(Math.min(...mine.map((r) => new Date(r.oldest_unfinished).getTime()))),
      last_located: located.length ? new Date(Math.max(...located.map((d) => new Date(d).getTime()))) : null,
    };
  });
}
