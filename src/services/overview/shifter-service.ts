import type { Knex } from 'knex';
import { shifterReadModel } from '../../db/read-models/shifter-read-model.js';
import { can } from '../../domain/permissions/permissions.js';
import { requireExperiment } from '../campaigns/ownership.js';
import { stalledCampaignPage } from './stalled-campaigns.js';
import type { UserContext } from '../user-context.js';

export interface ShifterOptions {
  /**
   * One stall threshold for every campaign (hours without a located file); unset: each stage's own
   * (stage, else campaign, else experiment, else `[notify] stall_hours`).
   */
  stallHours?: number;
  /** Failed and LaunchFailed submissions of the last this many hours are shown. */
  sinceHours: number;
  /** Items per group (each group also reports its full count). */
  limit: number;
}

const HOUR = 3_600_000;

// The shifter view: what needs attention now in one experiment, ranked by kind — held jobs first
// (they sit on the grid doing nothing), then failures, stalled campaigns, queued launches.
export function shifterService(db: Knex, clock: () => Date = () => new Date(), defaultStallHours = 6) {
  const read = shifterReadModel(db);
  return {
    async attention(user: UserContext, experiment: string, opts: ShifterOptions) {
      await requireExperiment(db, user, experiment);
      const now = clock();
      const operate = (r: { owner: string | null; creator_role: string }) =>
        can(user, 'operate', { experiment, owner: r.owner, creatorRole: r.creator_role });
      const mine = user.role === 'analysis' && !user.root ? user.experimenterId : undefined;
      const [held, failed, stalled, queued, hold] = await Promise.all([
        read.held(experiment, opts.limit),
        read.failed(experiment, new Date(now.getTime() - opts.sinceHours * HOUR), opts.limit),
        stalledCampaignPage(
          db,
          { experiment, overrideHours: opts.stallHours, defaultHours: defaultStallHours },
          now,
          opts.limit,
        ),
        read.queued(experiment, opts.limit, mine),
        read.experimentHold(experiment),
      ]);
      const totalOf = (rows: Array<{ total: number }>) => rows[0]?.total ?? 0;
      const groups = [
        {
          kind: 'held' as const,
          title: 'Held jobs',
          help: 'Submissions whose jobs are held on the grid: release them, or kill them.',
          total: totalOf(held),
          items: held.map(({ total: _t, ...r }) => ({
            key: `held:${r.submission_id}`,
            ...r,
            can_operate: operate(r),
          })),
        },
        {
          kind: 'failed' as const,
          title: 'Failed submissions',
          help: `Failed or LaunchFailed in the last ${opts.sinceHours} h: retry launches the stage again on the same dataset.`,
          total: totalOf(failed),
          items: failed.map(({ total: _t, ...r }) => ({
            key: `failed:${r.submission_id}`,
            ...r,
            can_operate: operate(r),
          })),
        },
        {
          kind: 'stalled' as const,
          title: 'Stalled campaigns',
          help:
            opts.stallHours === undefined
              ? `Active campaigns with unfinished submissions and no file located for their stall threshold (stage, campaign or experiment setting; ${defaultStallHours} h by default).`
              : `Active campaigns with unfinished submissions and no file located for ${opts.stallHours} h.`,
          total: stalled.total,
          items: stalled.items.map((r) => ({
            key: `stalled:${r.campaign_id}`,
            ...r,
            can_operate: operate(r),
          })),
        },
        {
          kind: 'queued' as const,
          title: 'Queued launches',
          help: 'Launches waiting because their stage or the whole experiment is held.',
          total: totalOf(queued),
          items: queued.map(({ total: _t, ...r }) => ({
            key: `queued:${r.held_launch_id}`,
            ...r,
            can_operate: operate(r),
          })),
        },
      ];
      return {
        experiment,
        generated_at: now,
        settings: { stall_hours: opts.stallHours ?? null, since_hours: opts.sinceHours, limit: opts.limit },
        experiment_hold: hold?.launches_held_by ? { held_by: hold.held_by, at: hold.launches_held_at } : null,
        counts: {
          held: groups[0].total,
          failed: groups[1].total,
          stalled: groups[2].total,
          queued: groups[3].total,
          total: groups.reduce((t, g) => t + g.total, 0),
        },
        groups,
      };
    },
  };
}

export type ShifterService = ReturnType<typeof shifterService>;
export type ShifterView = Awaited<ReturnType<ShifterService['attention']>>;
