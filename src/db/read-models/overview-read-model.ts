import type { Knex } from 'knex';
import type { Page, PageRequest } from './paginate.js';
import { recentDoneSql, type GroupProgressRow } from './progress-read-model.js';

export const OVERVIEW_SORTS = ['name', 'experiment', 'active', 'files', 'problems', 'activity'] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export interface OverviewFilter {
  /** One experiment; null = every experiment (root's overview) or the experiments in `experiments`. */
  experiment: string | null;
  /** Limits the rows to these experiments (the watching page of a non-root user). */
  experiments?: string[];
  state: 'active' | 'inactive' | 'all';
  /** Only campaigns this experimenter watches. */
  watchedBy?: number;
  /** Only campaigns this experimenter created (a producer's landing page). */
  createdBy?: number;
  sort: OverviewSort;
  dir: 'asc' | 'desc';
}

export interface OverviewRow extends Omit<GroupProgressRow, 'group_id'> {
  campaign_id: number;
  experiment: string;
  name: string;
  active: boolean;
  creator_role: string;
  owner: string | null;
  stages: number;
  watched: boolean;
  failed_recent: number;
  launch_failed_recent: number;
}

// Problems counted over a window: recent Failed and LaunchFailed (held is "now"), through the
// partial index of failures, so old failures cost nothing.
const recentFailures = `(select count(*) filter (where s.status = 'Failed')::int as failed_recent,
    count(*) filter (where s.status = 'LaunchFailed')::int as launch_failed_recent
  from submissions s where s.campaign_id = c.campaign_id and s.status in ('Failed', 'LaunchFailed') and s.status_at >= ?)`;

/** The campaign's rollup row `cr` (campaign_rollups, the sum of its stage rows): zeros when it has none. */
const SUMS = `coalesce(cr.files_submitted, 0)::bigint as files_submitted,
    coalesce(cr.files_consumed, 0)::bigint as files_consumed,
    coalesce(cr.files_done, 0)::bigint as files_done,
    coalesce(cr.uncounted, 0)::int as uncounted,
    coalesce(cr.submissions, 0)::int as submissions,
    coalesce(cr.running, 0)::int as running,
    coalesce(cr.held, 0)::int as held,
    coalesce(cr.failed, 0)::int as failed,
    coalesce(cr.completed, 0)::int as completed,
    coalesce(cr.located, 0)::int as located,
    cr.first_created, cr.last_change`;
const RECENT = `(select coalesce(sum(d.done_recent), 0)::bigint as done_recent from (${recentDoneSql('campaign_id', 's.campaign_id = c.campaign_id')}) d)`;

const ORDER: Record<OverviewSort, string> = {
  name: 'c.name',
  experiment: 'c.experiment',
  active: 'coalesce(cr.running, 0) + coalesce(cr.held, 0)',
  files: 'case when cr.files_submitted > 0 then cr.files_done::float / cr.files_submitted end',
  problems: 'coalesce(cr.held, 0) + r.failed_recent + r.launch_failed_recent',
  activity: 'cr.last_change',
};

// Campaign rows with submission and file aggregates: the page of campaigns and their count, two
// statements whatever the number of campaigns or submissions. The page's campaign ids are chosen
// first, reading for the sort only what it needs (the campaign row; its rollup row, kept by
// triggers; recent failures through their partial index), then only those campaigns get their
// other figures. So a page costs the campaigns it sorts, never their history.
export function overviewReadModel(db: Knex) {
  function filtered(f: OverviewFilter) {
    const q = db('campaigns as c');
    if (f.experiment) q.where('c.experiment', f.experiment);
    if (f.experiments) q.whereIn('c.experiment', f.experiments);
    if (f.state !== 'all') q.where('c.active', f.state === 'active');
    if (f.createdBy !== undefined) q.where('c.creator', f.createdBy);
    if (f.watchedBy !== undefined)
      q.whereExists(
        db('watches as w')
          .whereRaw('w.campaign_id = c.campaign_id')
          .where('w.experimenter_id', f.watchedBy)
          .select(db.raw('1')),
      );
    return q;
  }

  /** `q` with what sorting by `sort` reads joined. */
  function sortable(q: Knex.QueryBuilder, sort: OverviewSort, recentSince: Date) {
    if (sort === 'name' || sort === 'experiment') return q;
    q.leftJoin('campaign_rollups as cr', 'cr.campaign_id', 'c.campaign_id');
    if (sort === 'problems') q.joinRaw(`left join lateral ${recentFailures} r on true`, [recentSince]);
    return q;
  }

  return {
    async list(
      f: OverviewFilter,
      me: number,
      since: Date,
      recentSince: Date,
      req: PageRequest,
    ): Promise<Page<OverviewRow>> {
      const pageSize = Math.min(Math.max(1, Math.floor(req.pageSize)), 500);
      const page = Math.max(1, Math.floor(req.page));
      const order = `${ORDER[f.sort]} ${f.dir} ${f.dir === 'asc' ? 'nulls first' : 'nulls last'}, c.name asc, c.campaign_id asc`;
      const ids = sortable(filtered(f), f.sort, recentSince)
        .select('c.campaign_id')
        .orderByRaw(order)
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const items = db('campaigns as c')
        .whereIn('c.campaign_id', ids)
        .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
        .leftJoin('campaign_rollups as cr', 'cr.campaign_id', 'c.campaign_id')
        .joinRaw(`left join lateral ${RECENT} dr on true`, [since])
        .joinRaw(`left join lateral ${recentFailures} r on true`, [recentSince])
        .select(
          'c.campaign_id',
          'c.experiment',
          'c.name',
          'c.active',
          'c.creator_role',
          'x.username as owner',
          db.raw('(select count(*)::int from stages st where st.campaign_id = c.campaign_id) as stages'),
          db.raw(
            'exists (select 1 from watches w where w.campaign_id = c.campaign_id and w.experimenter_id = ?) as watched',
            [me],
          ),
          db.raw(SUMS),
          'dr.done_recent',
          'r.failed_recent',
          'r.launch_failed_recent',
        )
        .orderByRaw(order);
      const [rows, count] = await Promise.all([
        items,
        filtered(f).count<{ n: number }[]>({ n: '*' }).first(),
      ]);
      const total = Number(count?.n ?? 0);
      return {
        items: rows as OverviewRow[],
        page,
        pageSize,
        total,
        pages: Math.max(1, Math.ceil(total / pageSize)),
      };
    },
  };
}
