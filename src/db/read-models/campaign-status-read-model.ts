import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';

export interface StageStatusCount {
  stage_id: number;
  status: SubmissionStatus;
  n: number;
}

// How many submissions each stage of a campaign has in each status (all time), from the counts a
// trigger keeps (stage_status_counts), so a busy campaign costs what a quiet one does.
export function campaignStatusReadModel(db: Knex) {
  return {
    byStage: (campaignId: number): Promise<StageStatusCount[]> =>
      db('stage_status_counts as k')
        .join('stages as s', 's.stage_id', 'k.stage_id')
        .where('s.campaign_id', campaignId)
        .andWhere('k.n', '>', 0)
        .orderBy(['k.stage_id', 'k.status'])
        .select('k.stage_id', 'k.status', 'k.n'),
  };
}
