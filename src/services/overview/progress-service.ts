import type { Knex } from 'knex';
import { progressReadModel } from '../../db/read-models/progress-read-model.js';
import type { NodePosition } from '../../domain/ini/index.js';
import { can } from '../../domain/permissions/permissions.js';
import { notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';
import { groupProgress, sumProgress } from './group-progress.js';

export interface ProgressOptions {
  /** Throughput window: files located per hour over this many hours. */
  hours: number;
}

/** Node positions by stage name (and `campaign <name>` for the campaign node) from the editor layout. */
function positionsByName(list: NodePosition[] | null) {
  return new Map((list ?? []).map((p) => [p.id, { x: p.x, y: p.y }]));
}

// The campaign progress page (the original's "future plan"): per stage files done / total, submission
// counts and an estimate of time to completion; the campaign's percent complete in files (not the
// mean configured completion threshold, the original's defect 14).
export function progressService(db: Knex, clock: () => Date = () => new Date()) {
  const read = progressReadModel(db);
  return {
    async campaign(user: UserContext, experiment: string, campaignId: number, opts: ProgressOptions) {
      await requireExperiment(db, user, experiment);
      const c = await read.campaign(experiment, campaignId, user.experimenterId);
      if (!c) throw notFound(`campaign ${campaignId} in ${experiment}`);
      const now = clock();
      const w = { since: new Date(now.getTime() - opts.hours * 3_600_000), now };
      const [stages, edges, rows] = await Promise.all([
        read.stages(campaignId),
        read.edges(campaignId),
        read.byStage(campaignId, w.since),
      ]);
      const byStage = new Map(rows.map((r) => [Number(r.group_id), r]));
      const positions = positionsByName(c.node_positions as NodePosition[]);
      const downstream = new Set(edges.map((e) => e.to));
      const attached = stages.filter((s) => !s.detached);
      const placed = attached.length > 0 && attached.every((s) => positions.has(s.name));
      return {
        campaign: {
          campaign_id: c.campaign_id as number,
          experiment,
          name: c.name as string,
          active: c.active as boolean,
          watched: Boolean(c.watched),
        },
        generated_at: now,
        window_hours: opts.hours,
        totals: sumProgress(rows, w),
        layout: placed ? ('positions' as const) : ('hierarchical' as const),
        campaign_position: placed ? (positions.get(`campaign ${c.name}`) ?? null) : null,
        stages: stages.map((s) => ({
          stage_id: s.stage_id,
          name: s.name,
          held: Boolean(s.held),
          detached: Boolean(s.detached),
          leading: !downstream.has(s.stage_id),
          position: placed && !s.detached ? (positions.get(s.name) ?? null) : null,
          can_operate: can(user, 'operate', { experiment, owner: s.owner, creatorRole: s.creator_role }),
          ...groupProgress(byStage.get(s.stage_id), w),
        })),
        dependencies: edges,
      };
    },
  };
}

export type ProgressService = ReturnType<typeof progressService>;
export type CampaignProgress = Awaited<ReturnType<ProgressService['campaign']>>;
