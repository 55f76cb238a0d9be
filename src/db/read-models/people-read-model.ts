import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';

export interface ExperimentListItem {
  experiment: string;
  name: string;
  active: boolean;
  logbook_url: string | null;
  members: number;
  campaigns: number;
  my_role: string | null;
}

export interface MemberFilter {
  search?: string;
  role?: string;
}

// Queries behind the experiment and member list pages: one query per page (no per-row lookups).
export function peopleReadModel(db: Knex) {
  return {
    experiments(experimenterId: number, req: PageRequest, includeInactive: boolean) {
      const q = db('experiments as e')
        .select(
          'e.experiment',
          'e.name',
          'e.active',
          'e.logbook_url',
          db.raw(
            '(select count(*)::int from memberships m where m.experiment = e.experiment and m.active) as members',
          ),
          db.raw('(select count(*)::int from campaigns c where c.experiment = e.experiment) as campaigns'),
          db.raw(
            '(select role from memberships m where m.experiment = e.experiment and m.experimenter_id = ? and m.active) as my_role',
            [experimenterId],
          ),
        )
        .orderBy('e.experiment');
      if (!includeInactive) q.where('e.active', true);
      return paginate<ExperimentListItem>(q, req);
    },
    members(experiment: string, filter: MemberFilter, req: PageRequest) {
      const q = db('memberships as m')
        .join('experimenters as x', 'x.experimenter_id', 'm.experimenter_id')
        .where('m.experiment', experiment)
        .select(
          'x.experimenter_id',
          'x.username',
          'x.first_name',
          'x.last_name',
          'x.email',
          'm.role',
          'm.active',
        )
        .orderBy('x.username');
      if (filter.search) {
        const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q.where((w) =>
          w
            .whereILike('x.username', like)
            .orWhereILike('x.last_name', like)
            .orWhereILike('x.first_name', like),
        );
      }
      if (filter.role) q.where('m.role', filter.role);
      return paginate(q, req);
    },
  };
}

export type PeopleReadModel = ReturnType<typeof peopleReadModel>;
