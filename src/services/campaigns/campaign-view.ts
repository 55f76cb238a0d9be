import type { Knex } from 'knex';
import { campaignStatusReadModel } from '../../db/read-models/campaign-status-read-model.js';
import type { CampaignRow } from '../../db/stores/campaign-store.js';
import { dependencyStore } from '../../db/stores/dependency-store.js';
import { stageStore, type StageRow } from '../../db/stores/stage-store.js';
import { tagStore } from '../../db/stores/tag-store.js';
import {
  resolveStage,
  STAGE_FIELD_KEYS,
  STAGE_FIELD_PROP,
  type StageFields,
} from '../../domain/ini/index.js';
import { can } from '../../domain/permissions/permissions.js';
import type { UserContext } from '../user-context.js';
import { defaultsOfRow } from './campaign-document-of.js';
import { targetOf } from './ownership.js';
import { stageDocument } from './stage-columns.js';
import { fieldsByKey } from './stage-fields-input.js';

/**
 * A stage as pages and the API show it: `fields` its own values (what PUT takes back), `effective`
 * the values after campaign and built-in defaults, `inherited` the keys it does not set itself.
 */
export function stageView(row: StageRow, defaults: StageFields, user: UserContext) {
  const own = stageDocument(row);
  const effective = resolveStage(own, defaults);
  return {
    stage_id: row.stage_id,
    campaign_id: row.campaign_id,
    experiment: row.experiment,
    name: row.name,
    fields: fieldsByKey(own),
    effective: fieldsByKey(effective),
    inherited: STAGE_FIELD_KEYS.filter((k) => own[STAGE_FIELD_PROP[k]] === undefined),
    split_cursor: row.split_cursor,
    test_split_cursor: row.test_split_cursor,
    creator: row.creator_username,
    creator_role: row.creator_role,
    updated_at: row.updated_at,
    can_modify: can(user, 'modify', targetOf(row)),
  };
}

export type StageView = ReturnType<typeof stageView>;

/** What a stage that sets nothing itself gets: campaign defaults, then built-in defaults. */
export function inheritable(defaults: StageFields) {
  const { name: _name, ...fields } = resolveStage({ name: '' }, defaults);
  return fieldsByKey(fields);
}

/** The campaign page and GET /api/v1/experiments/:exp/campaigns/:id. */
export async function campaignView(db: Knex, row: CampaignRow, user: UserContext) {
  const defaults = defaultsOfRow(row);
  const [stages, dependencies, tags, submissions, counts] = await Promise.all([
    stageStore(db).ofCampaign(row.campaign_id),
    dependencyStore(db).ofCampaign(row.campaign_id),
    tagStore(db).ofCampaign(row.campaign_id),
    // From the rollups the submission triggers keep: a busy campaign costs what a new one does.
    db('submission_rollups')
      .where({ campaign_id: row.campaign_id })
      .first(db.raw('coalesce(sum(submissions), 0)::bigint as n')) as Promise<{ n: number | string }>,
    campaignStatusReadModel(db).byStage(row.campaign_id),
  ]);
  const byStatus = (stageId: number) =>
    counts.filter((c) => c.stage_id === stageId).map((c) => ({ status: c.status, n: c.n }));
  return {
    campaign_id: row.campaign_id,
    experiment: row.experiment,
    name: row.name,
    active: row.active,
    test_campaign: row.campaign_type === 'test',
    creator: row.creator_username,
    creator_role: row.creator_role,
    created_at: row.created_at,
    updated_at: row.updated_at,
    keywords: row.keywords ?? {},
    defaults: fieldsByKey(defaults),
    inherits: inheritable(defaults),
    node_positions: row.node_positions ?? [],
    tags: tags.map((t) => t.name),
    submissions: Number(submissions?.n ?? 0),
    can_modify: can(user, 'modify', targetOf(row)),
    can_operate: can(user, 'operate', targetOf(row)),
    /** Each stage with how many of its submissions are in each status (all time). */
    stages: stages.map((s) => ({ ...stageView(s, defaults, user), by_status: byStatus(s.stage_id) })),
    dependencies: dependencies.map((d) => ({
      dependency_id: d.dependency_id,
      upstream: d.upstream_name,
      downstream: d.downstream_name,
      upstream_stage_id: d.upstream_stage_id,
      downstream_stage_id: d.downstream_stage_id,
      file_pattern: d.file_pattern,
    })),
  };
}

export type CampaignView = Awaited<ReturnType<typeof campaignView>>;
