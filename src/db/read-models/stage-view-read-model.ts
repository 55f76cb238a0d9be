import type { Knex } from 'knex';
import type { StageFields } from '../../domain/ini/index.js';
import { prepared } from '../prepared.js';
import { stagesNamed, type StageRow } from '../stores/stage-store.js';

/** A stage edge as the stage view shows it. */
export interface StageEdge {
  dependency_id: number;
  upstream_stage_id: number;
  downstream_stage_id: number;
  file_pattern: string;
  upstream_name: string;
  downstream_name: string;
}

/** The stage with what its view needs around it: its campaign, its edges, its campaign's stages. */
export interface StageInContext {
  row: StageRow;
  campaign: { campaign_id: number; name: string; defaults: StageFields; stall_hours: number | null } | null;
  /** Edges into or out of the stage, grouped by downstream stage, in their order. */
  edges: StageEdge[];
  /** Names of the campaign's stages in creation order (none when detached). */
  siblings: string[];
}

// The stage and its campaign, dependencies and sibling stages in one statement: the stage page and
// stage view wait for one round trip, not two in a row. Read on every stage page, so prepared.
export function stageViewReadModel(db: Knex) {
  return {
    async get(experiment: string, id: number): Promise<StageInContext | undefined> {
      const r = await prepared(
        stagesNamed(db)
          .where({ 's.experiment': experiment, 's.stage_id': id })
          .first(
            db.raw(`(select json_build_object('campaign_id', c.campaign_id, 'name', c.name,
                     'defaults', c.defaults, 'stall_hours', c.stall_hours)
                   from campaigns c
                   where c.campaign_id = s.campaign_id and c.experiment = s.experiment) as view_campaign`),
            db.raw(`(select coalesce(json_agg(json_build_object('dependency_id', d.dependency_id,
                     'upstream_stage_id', d.upstream_stage_id, 'downstream_stage_id', d.downstream_stage_id,
                     'file_pattern', d.file_pattern, 'upstream_name', u.name, 'downstream_name', w.name)
                     order by d.downstream_stage_id, d.ordinal), '[]')
                   from dependencies d
                   join stages u on u.stage_id = d.upstream_stage_id
                   join stages w on w.stage_id = d.downstream_stage_id
                   where d.upstream_stage_id = s.stage_id or d.downstream_stage_id = s.stage_id) as view_edges`),
            db.raw(`(select coalesce(json_agg(o.name order by o.stage_id), '[]')
                   from stages o where o.campaign_id = s.campaign_id) as view_siblings`),
          ),
      );
      if (!r) return undefined;
      const { view_campaign, view_edges, view_siblings, ...row } = r as StageRow & {
        view_campaign: StageInContext['campaign'];
        view_edges: StageEdge[];
        view_siblings: string[];
      };
      return { row, campaign: view_campaign, edges: view_edges, siblings: view_siblings };
    },
  };
}
