import type { Knex } from 'knex';
import {
  stallReadModel,
  type StalledStageRow,
  type StallFilter,
} from '../../db/read-models/stall-read-model.js';
import { campaignStalls, type CampaignStall } from '../../domain/stalls/campaign-stalls.js';

export interface StalledCampaign extends CampaignStall {
  name: string;
  owner: string | null;
  creator_role: string;
  /** Unfinished submissions of its stalled stages. */
  unfinished: number;
  oldest_unfinished: Date;
  last_located: Date | null;
}

/** Campaigns of these stalled stages, longest stall first, with their stalled stages' figures. */
function withFigures(rows: StalledStageRow[], now: Date): StalledCampaign[] {
  return campaignStalls(rows, now).map((s) => {
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

/** Stalled campaigns (each stage against its own threshold), longest stall first; one statement. */
export async function stalledCampaigns(db: Knex, f: StallFilter, now: Date): Promise<StalledCampaign[]> {
  return withFigures(await stallReadModel(db).stalledStages(f, now), now);
}

/**
 * One experiment's first `limit` stalled campaigns, longest stall first, and how many there are;
 * one a shifter acknowledged since its stall began is left out (and not counted) until a file is
 * located again. One statement whatever the number of campaigns.
 */
export async function stalledCampaignPage(
  db: Knex,
  f: StallFilter & { experiment: string },
  now: Date,
  limit: number,
): Promise<{ total: number; items: StalledCampaign[] }> {
  const { total, rows } = await stallReadModel(db).stalledPage(f, now, { limit, hideAcknowledged: true });
  return { total, items: withFigures(rows, now) };
}
