import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { campaignStore } from '../../db/stores/campaign-store.js';
import { invalid, notFound } from '../../lib/errors.js';
import { requireExperiment, targetOf } from '../campaigns/ownership.js';
import { authorize, type UserContext } from '../user-context.js';

export interface CampaignStallInput {
  /** Null: the experiment's. */
  stall_hours: number | null;
  /** Stage id → hours, null: the campaign's. Stages not named are left as they are. */
  stages?: Record<string, number | null>;
}

/**
 * "No file progress in N hours": per stage, else per campaign, else per experiment, else the
 * site's `[notify] stall_hours`. Campaign and stage values need `modify` on the campaign; the
 * experiment's needs `manage`.
 */
export function stallSettingsService(db: Knex, defaultHours: number) {
  async function view(user: UserContext, experiment: string, campaignId: number) {
    await requireExperiment(db, user, experiment);
    const c = await db('campaigns as c')
      .join('experiments as e', 'e.experiment', 'c.experiment')
      .where({ 'c.experiment': experiment, 'c.campaign_id': campaignId })
      .first('c.campaign_id', 'c.name', 'c.stall_hours', 'e.stall_hours as experiment_hours');
    if (!c) throw notFound(`campaign ${campaignId} in ${experiment}`);
    const inherited = c.experiment_hours ?? defaultHours;
    const campaignHours = c.stall_hours ?? inherited;
    const stages = await db('stages')
      .where({ campaign_id: campaignId })
      .orderBy('name')
      .select('stage_id', 'name', 'stall_hours');
    return {
      campaign_id: c.campaign_id as number,
      name: c.name as string,
      stall_hours: c.stall_hours as number | null,
      experiment_hours: c.experiment_hours as number | null,
      default_hours: defaultHours,
      effective_hours: campaignHours,
      stages: stages.map((s) => ({
        stage_id: s.stage_id as number,
        name: s.name as string,
        stall_hours: s.stall_hours as number | null,
        effective_hours: (s.stall_hours as number | null) ?? campaignHours,
      })),
    };
  }

  return {
    /** The site's `[notify] stall_hours`, used where no experiment, campaign or stage sets one. */
    defaultHours,
    view,
    async setCampaign(user: UserContext, experiment: string, campaignId: number, input: CampaignStallInput) {
      await requireExperiment(db, user, experiment);
      await db.transaction(async (trx) => {
        const row = await campaignStore(trx).byId(experiment, campaignId);
        if (!row) throw notFound(`campaign ${campaignId} in ${experiment}`);
        authorize(user, 'modify', targetOf(row));
        const ids = Object.keys(input.stages ?? {}).map(Number);
        const known = new Set<number>(
          await trx('stages').where({ campaign_id: campaignId }).whereIn('stage_id', ids).pluck('stage_id'),
        );
        const unknown = ids.filter((id) => !known.has(id));
        if (unknown.length)
          throw invalid(`Stage ${unknown.join(', ')} is not in campaign ${row.name}`, [
            { field: `stages.${unknown[0]}`, message: 'not a stage of this campaign' },
          ]);
        await trx('campaigns').where({ campaign_id: campaignId }).update({ stall_hours: input.stall_hours });
        for (const [id, hours] of Object.entries(input.stages ?? {}))
          await trx('stages')
            .where({ stage_id: Number(id) })
            .update({ stall_hours: hours });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: 'campaign.stall_hours',
          objectKind: 'campaign',
          objectId: campaignId,
          details: { ...input },
        });
      });
      return view(user, experiment, campaignId);
    },
    async setExperiment(user: UserContext, experiment: string, hours: number | null) {
      await requireExperiment(db, user, experiment);
      authorize(user, 'manage', { experiment });
      await db.transaction(async (trx) => {
        await trx('experiments').where({ experiment }).update({ stall_hours: hours });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: 'experiment.stall_hours',
          objectKind: 'experiment',
          objectId: experiment,
          details: { stall_hours: hours },
        });
      });
      return { experiment, stall_hours: hours, default_hours: defaultHours };
    },
  };
}
