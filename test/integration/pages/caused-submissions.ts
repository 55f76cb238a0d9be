import type { Knex } from 'knex';
import { makeStage } from '../../helpers/config-fixtures.js';

const HOUR = 3_600_000;

/**
 * A campaign with an upstream stage and a downstream one (merge), and `originals` upstream
 * submissions `spacingHours` apart ending ~now: every third has a recovery, every second a
 * dependency launch downstream, every fourth of those a recovery of it (parent and dependency
 * both set), the first `(originals - 1) * spacingHours + 8` hours before `now`.
 */
export async function seedCausedSubmissions(
  db: Knex,
  { originals, spacingHours, now = Date.now() }: { originals: number; spacingHours: number; now?: number },
) {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const { campaign, stage, creatorId } = await makeStage(db, {});
  const upstream: number = stage.stage_id;
  const [other] = await db('stages')
    .insert({ campaign_id: campaign.campaign_id, experiment: 'samdev', name: 'merge', creator: creatorId })
    .returning('stage_id');
  const downstream: number = other.stage_id;
  const sub = (stageId: number, hoursAgo: number, more: Record<string, unknown> = {}) => ({
    stage_id: stageId,
    campaign_id: campaign.campaign_id,
    experiment: 'samdev',
    creator: creatorId,
    status: 'Located',
    created_at: at(hoursAgo),
    ...more,
  });
  const insert = async (row: Record<string, unknown>) =>
    (await db('submissions').insert(row).returning('submission_id'))[0].submission_id as number;
  const start = (originals - 1) * spacingHours + 8;
  for (let i = 0; i < originals; i++) {
    const hoursAgo = start - i * spacingHours;
    const o = await insert(sub(upstream, hoursAgo));
    if (i % 3 === 0)
      await insert(sub(upstream, hoursAgo - 1, { parent_submission_id: o, launch_kind: 'recovery' }));
    if (i % 2 === 0) {
      const d = await insert(sub(downstream, hoursAgo - 2, { depends_on_submission_id: o }));
      if (i % 4 === 0)
        await insert(
          sub(downstream, hoursAgo - 3, {
            parent_submission_id: d,
            depends_on_submission_id: o,
            launch_kind: 'recovery',
          }),
        );
    }
  }
  return { campaignId: campaign.campaign_id as number, upstream, downstream, creatorId };
}
