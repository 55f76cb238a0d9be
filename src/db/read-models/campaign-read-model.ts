import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';

/** Submission statuses that count as "running" on the campaign list. */
export const RUNNING_STATUSES = ['New', 'Idle', 'Running', 'Held'] as const;

export interface CampaignFilter {
  /** Part of the name, case-insensitive. */
  name?: string;
  /** Exact tag name. */
  tag?: string;
  /** Creator's username. */
  creator?: string;
  state?: 'active' | 'inactive' | 'all';
  /** `mine`: campaigns the caller created. */
  owner?: 'mine' | 'all';
}

export interface CampaignListItem {
  campaign_id: number;
  name: string;
  active: boolean;
  creator: string | null;
  creator_role: string;
  updated_at: Date;
  stages: number;
  running: number;
  tags: string[];
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The experiment's campaigns the filter keeps, in list order, with their own columns and creator;
 * the counts and tags are added by each reader.
 */
function campaignsOf(db: Knex, experiment: string, filter: CampaignFilter, me: number): Knex.QueryBuilder {
  const q = db('campaigns as c')
    .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
    .where('c.experiment', experiment)
    .select('c.campaign_id', 'c.name', 'c.active', 'x.username as creator', 'c.creator_role', 'c.updated_at')
    .orderBy([
      { column: 'c.name', order: 'asc' },
      { column: 'c.campaign_id', order: 'asc' },
    ]);
  const state = filter.state ?? 'active';
  if (state !== 'all') q.where('c.active', state === 'active');
  if (filter.name) q.whereILike('c.name', like(filter.name));
  if (filter.creator) q.where('x.username', filter.creator);
  if (filter.owner === 'mine') q.where('c.creator', me);
  if (filter.tag)
    q.whereExists(
      db('campaign_tags as ct')
        .join('tags as t', 't.tag_id', 'ct.tag_id')
        .whereRaw('ct.campaign_id = c.campaign_id')
        .where('t.name', filter.tag)
        .select(db.raw('1')),
    );
  return q;
}

const RUNNING_IN = RUNNING_STATUSES.map(() => '?').join(',');

export function campaignReadModel(db: Knex) {
  return {
    /**
     * A page of the campaign list: counts and tags as correlated subqueries over indexed columns
     * (the cost follows the rows shown), plus paginate's count.
     */
    list(experiment: string, filter: CampaignFilter, me: number, req: PageRequest) {
      const q = campaignsOf(db, experiment, filter, me).select(
        db.raw('(select count(*)::int from stages s where s.campaign_id = c.campaign_id) as stages'),
        db.raw(
          `(select count(*)::int from submissions s where s.campaign_id = c.campaign_id and s.status in (${RUNNING_IN})) as running`,
          [...RUNNING_STATUSES],
        ),
        db.raw(
          `coalesce((select json_agg(t.name order by t.name) from campaign_tags ct join tags t on t.tag_id = ct.tag_id where ct.campaign_id = c.campaign_id), '[]'::json) as tags`,
        ),
      );
      return paginate<CampaignListItem>(q, req);
    },
    /**
     * Every campaign the filter keeps (poms_client show_campaigns answers the whole list), in one
     * statement: stage counts, running counts and tags are each one grouped pass joined by
     * campaign, not a probe per campaign (correlated subqueries, paged, cost 2,000 probes of each
     * per 500 rows and the pages before them again).
     */
    all(experiment: string, filter: CampaignFilter, me: number, limit: number) {
      const grouped = (q: Knex.QueryBuilder, key: string, value: string, as: string) =>
        q
          .groupBy(key)
          .select(db.raw(`${key} as campaign_id, ${value} as v`))
          .as(as);
      const inExperiment = db('campaigns').where({ experiment }).select('campaign_id');
      const stages = db('stages').where({ experiment });
      const running = db('submissions')
        .whereIn('status', [...RUNNING_STATUSES])
        .whereIn('campaign_id', inExperiment);
      const tags = db('campaign_tags as ct')
        .join('tags as t', 't.tag_id', 'ct.tag_id')
        .where('t.experiment', experiment);
      const q = campaignsOf(db, experiment, filter, me)
        .leftJoin(grouped(stages, 'campaign_id', 'count(*)', 'st'), 'st.campaign_id', 'c.campaign_id')
        .leftJoin(grouped(running, 'campaign_id', 'count(*)', 'r'), 'r.campaign_id', 'c.campaign_id')
        .leftJoin(
          grouped(tags, 'ct.campaign_id', 'json_agg(t.name order by t.name)', 'tg'),
          'tg.campaign_id',
          'c.campaign_id',
        )
        .select(
          db.raw('coalesce(st.v, 0)::int as stages'),
          db.raw('coalesce(r.v, 0)::int as running'),
          db.raw(`coalesce(tg.v, '[]'::json) as tags`),
        )
        .limit(limit);
      return q as Promise<CampaignListItem[]>;
    },
    /** Tag names used in the experiment, for the filter and the autocomplete list. */
    tagNames: (experiment: string) =>
      db('tags').where({ experiment }).orderBy('name').limit(1000).pluck('name') as Promise<string[]>,
  };
}

export type CampaignReadModel = ReturnType<typeof campaignReadModel>;
