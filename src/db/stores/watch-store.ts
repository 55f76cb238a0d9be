import type { Knex } from 'knex';

// Who watches which campaign (table `watches`, one row per pair).
export function watchStore(db: Knex | Knex.Transaction) {
  return {
    async set(experimenterId: number, campaignId: number, watched: boolean): Promise<void> {
      if (watched)
        await db('watches')
          .insert({ experimenter_id: experimenterId, campaign_id: campaignId })
          .onConflict(['experimenter_id', 'campaign_id'])
          .ignore();
      else await db('watches').where({ experimenter_id: experimenterId, campaign_id: campaignId }).delete();
    },
  };
}
