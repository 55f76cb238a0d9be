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

// The campaign list: one query for the page (counts and tags as correlated subqueries over indexed
// columns, so the cost does not grow with the number of rows shown) plus paginate's count.
export function campaignReadModel(db: Knex) {
  return {
    list(experiment: string, filter: CampaignFilter, me: number, req: PageRequest) {
      const q = db('campaigns as c')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
        .where('c.experiment', experiment)
        .select(
          'c.campaign_id',
          'c.name',
          'c.active',
          'x.username as creator',
          'c.creator_role',
          'c.updated_at',
          db.raw('(select count(*)::int from stages s where s.campaign_id = c.campaign_id) as stages'),
          db.raw(
            `(select count(*)::int from submissions s where s.campaign_id = c.campaign_id and s.status in (${RUNNING_STATUSES.map(() => '?').join(',')})) as running`,
            [...RUNNING_STATUSES],
          ),
          db.raw(
            `coalesce((select json_agg(t.name order by t.name) from campaign_tags ct join tags t on t.tag_id = ct.tag_id where ct.campaign_id = c.campaign_id), '[]'::json) as tags`,
          ),
        )
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
      return paginate<CampaignListItem>(q, req);
    },
    /** Tag names used in the experiment, for the filter and the autocomplete list. */
    tagNames: (experiment: string) =>
      db('tags').where({ experiment }).orderBy('name').limit(1000).pluck('name') as Promise<string[]>,
  };
}

export type CampaignReadModel = ReturnType<typeof campaignReadModel>;
