import type { Knex } from 'knex';
import {
  overviewReadModel,
  type OverviewFilter,
  type OverviewRow,
  type OverviewSort,
} from '../../db/read-models/overview-read-model.js';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { watchStore } from '../../db/stores/watch-store.js';
import { can } from '../../domain/permissions/permissions.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';
import { groupProgress, type Window } from './group-progress.js';
import { stalledCampaigns } from './stalled-campaigns.js';

export interface OverviewOptions {
  state: 'active' | 'inactive' | 'all';
  sort: OverviewSort;
  dir: 'asc' | 'desc';
  /** Failed and LaunchFailed submissions of the last this many days count as problems. */
  days: number;
  /** Throughput window for the estimates, in hours. */
  hours: number;
  /** `mine`: only the campaigns the user created. */
  whose?: 'all' | 'mine';
}

const HOUR = 3_600_000;

function rowView(user: UserContext, r: OverviewRow, w: Window) {
  const p = groupProgress({ ...r, group_id: r.campaign_id }, w);
  const held = r.held ?? 0;
  return {
    campaign_id: r.campaign_id,
    experiment: r.experiment,
    name: r.name,
    active: r.active,
    owner: r.owner,
    stages: r.stages,
    watched: Boolean(r.watched),
    files: p.files,
    submissions: p.submissions,
    active_submissions: p.submissions.running + p.submissions.held,
    problems: {
      held,
      failed: r.failed_recent ?? 0,
      launch_failed: r.launch_failed_recent ?? 0,
      total: held + (r.failed_recent ?? 0) + (r.launch_failed_recent ?? 0),
    },
    throughput: p.throughput,
    last_change: p.last_change,
    can_operate: can(user, 'operate', {
      experiment: r.experiment,
      owner: r.owner,
      creatorRole: r.creator_role,
    }),
  };
}

// The superuser overview (every campaign of an experiment, or of every experiment for root) and
// each user's watched campaigns: one paginated, sortable read model behind all three.
export function overviewService(db: Knex, clock: () => Date = () => new Date(), defaultStallHours = 6) {
  const read = overviewReadModel(db);

  async function page(user: UserContext, filter: OverviewFilter, opts: OverviewOptions, req: PageRequest) {
    const now = clock();
    const w = { since: new Date(now.getTime() - opts.hours * HOUR), now };
    const result = await read.list(
      filter,
      user.experimenterId,
      w.since,
      new Date(now.getTime() - opts.days * 24 * HOUR),
      req,
    );
    const stalls = new Map(
      (
        await stalledCampaigns(
          db,
          { campaignIds: result.items.map((r) => r.campaign_id), defaultHours: defaultStallHours },
          now,
        )
      ).map((c) => [c.campaign_id, { for_h: c.stalled_for_h, since: c.since, stages: c.stages.length }]),
    );
    return {
      ...result,
      generated_at: now,
      options: opts,
      items: result.items.map((r) => ({
        ...rowView(user, r, w),
        stalled: stalls.get(r.campaign_id) ?? null,
      })),
    };
  }
  const filterOf = (opts: OverviewOptions) => ({ state: opts.state, sort: opts.sort, dir: opts.dir });

  return {
    async experiment(user: UserContext, experiment: string, opts: OverviewOptions, req: PageRequest) {
      await requireExperiment(db, user, experiment);
      const createdBy = opts.whose === 'mine' ? user.experimenterId : undefined;
      return page(user, { experiment, createdBy, ...filterOf(opts) }, opts, req);
    },
    /** Every experiment's campaigns: root only. */
    async all(user: UserContext, opts: OverviewOptions, req: PageRequest) {
      if (!user.root) throw forbidden('the overview of every experiment is for root');
      return page(user, { experiment: null, ...filterOf(opts) }, opts, req);
    },
    /** The campaigns `user` watches, in the experiments they may view. */
    async watching(user: UserContext, opts: OverviewOptions, req: PageRequest) {
      const experiments = user.root ? undefined : Object.keys(user.memberships);
      return page(
        user,
        { experiment: null, experiments, watchedBy: user.experimenterId, ...filterOf(opts) },
        opts,
        req,
      );
    },
    async setWatch(user: UserContext, experiment: string, campaignId: number, watched: boolean) {
      await requireExperiment(db, user, experiment);
      const c = await db('campaigns')
        .where({ experiment, campaign_id: campaignId })
        .first('campaign_id', 'name');
      if (!c) throw notFound(`campaign ${campaignId} in ${experiment}`);
      await watchStore(db).set(user.experimenterId, campaignId, watched);
      return { campaign_id: campaignId, name: c.name as string, watched };
    },
  };
}

export type OverviewService = ReturnType<typeof overviewService>;
export type OverviewPage = Awaited<ReturnType<OverviewService['experiment']>>;
