import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';

export interface LoginSetupListItem {
  login_setup_id: number;
  name: string;
  launch_host: string;
  launch_account: string;
  active: boolean;
  creator: string | null;
  creator_role: string;
  stages: number;
}

// Login setup list and name choices: one query per page.
export function loginSetupReadModel(db: Knex) {
  return {
    list(experiment: string, filter: { name?: string }, req: PageRequest) {
      const q = db('login_setups as l')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'l.creator')
        .where('l.experiment', experiment)
        .select(
          'l.login_setup_id',
          'l.name',
          'l.launch_host',
          'l.launch_account',
          'l.active',
          'x.username as creator',
          'l.creator_role',
          db.raw('(select count(*)::int from stages s where s.login_setup_id = l.login_setup_id) as stages'),
        )
        .orderBy('l.name');
      if (filter.name) q.whereILike('l.name', `%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      return paginate<LoginSetupListItem>(q, req);
    },
    names: (experiment: string) =>
      db('login_setups')
        .where({ experiment, active: true })
        .orderBy('name')
        .limit(2000)
        .pluck('name') as Promise<string[]>,
  };
}

export type LoginSetupReadModel = ReturnType<typeof loginSetupReadModel>;
