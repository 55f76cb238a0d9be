import type { StageWithCampaign } from '../../db/read-models/compat-read-model.js';
import { resolveStage } from '../../domain/ini/index.js';
import { can } from '../../domain/permissions/permissions.js';
import { defaultsOf } from '../campaigns/campaign-document-of.js';
import { targetOf } from '../campaigns/ownership.js';
import { stageDocument } from '../campaigns/stage-columns.js';
import { fieldsByKey } from '../campaigns/stage-fields-input.js';
import type { UserContext } from '../user-context.js';

/**
 * A stage as show_campaign_stages answered it (the original's column names: campaign_stage_id,
 * dataset, cs_split_type, campaign_obj, …), with the effective values (campaign defaults applied)
 * and every field also under its .ini name.
 */
export function stageRow(row: StageWithCampaign, user: UserContext) {
  const effective = fieldsByKey(resolveStage(stageDocument(row), defaultsOf(row.campaign_defaults)));
  return {
    campaign_stage_id: row.stage_id,
    name: row.name,
    experiment: row.experiment,
    campaign_id: row.campaign_id,
    campaign_name: row.campaign_name,
    campaign_obj: { name: row.campaign_name },
    active: row.campaign_active,
    ...effective,
    dataset: effective.dataset_or_split_data ?? null,
    campaign_stage_type: effective.stage_type ?? null,
    cs_last_split: row.split_cursor,
    creator: row.creator_username,
    creator_role: row.creator_role,
    created: row.created_at,
    updated: row.updated_at,
    authorized: can(user, 'modify', targetOf(row)),
  };
}
