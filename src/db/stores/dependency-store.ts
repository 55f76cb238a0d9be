import type { Knex } from 'knex';

export interface DependencyRow {
  dependency_id: number;
  upstream_stage_id: number;
  downstream_stage_id: number;
  file_pattern: string;
  /** 1-based position among the dependencies of the downstream stage (`campaign_stage_<k>`). */
  ordinal: number;
  upstream_name: string;
  downstream_name: string;
}

// Dependency edges between stages: upstream produces the files the downstream stage is launched on.
export function dependencyStore(db: Knex) {
  const named = () =>
    db('dependencies as d')
      .join('stages as u', 'u.stage_id', 'd.upstream_stage_id')
      .join('stages as w', 'w.stage_id', 'd.downstream_stage_id')
      .select('d.*', 'u.name as upstream_name', 'w.name as downstream_name');
  return {
    /** Edges whose downstream stage belongs to the campaign, grouped by downstream stage. */
    ofCampaign: (campaignId: number) =>
      named()
        .where('w.campaign_id', campaignId)
        .orderBy([
          { column: 'd.downstream_stage_id', order: 'asc' },
          { column: 'd.ordinal', order: 'asc' },
        ]) as Promise<DependencyRow[]>,
    /** Edges into or out of the stage. */
    ofStage: (stageId: number) =>
      named()
        .where('d.upstream_stage_id', stageId)
        .orWhere('d.downstream_stage_id', stageId)
        .orderBy([
          { column: 'd.downstream_stage_id', order: 'asc' },
          { column: 'd.ordinal', order: 'asc' },
        ]) as Promise<DependencyRow[]>,
    byId: (id: number) => named().where('d.dependency_id', id).first() as Promise<DependencyRow | undefined>,
    async insert(row: { upstream: number; downstream: number; filePattern: string }): Promise<number> {
      const next = await db('dependencies')
        .where({ downstream_stage_id: row.downstream })
        .max<{ m: number | null }>('ordinal as m')
        .first();
      const [r] = await db('dependencies')
        .insert({
          upstream_stage_id: row.upstream,
          downstream_stage_id: row.downstream,
          file_pattern: row.filePattern,
          ordinal: Number(next?.m ?? 0) + 1,
        })
        .returning('dependency_id');
      return r.dependency_id as number;
    },
    async remove(id: number): Promise<void> {
      await db('dependencies').where({ dependency_id: id }).delete();
    },
    /** Removes every edge touching any of the stages. */
    async removeTouching(stageIds: number[]): Promise<number> {
      if (stageIds.length === 0) return 0;
      return db('dependencies')
        .whereIn('upstream_stage_id', stageIds)
        .orWhereIn('downstream_stage_id', stageIds)
        .delete();
    },
  };
}

export type DependencyStore = ReturnType<typeof dependencyStore>;
