import type { Knex } from 'knex';
import { paginate, type PageRequest } from './paginate.js';

export interface JobTypeListItem {
  job_type_id: number;
  name: string;
  launch_script: string;
  output_file_patterns: string;
  active: boolean;
  creator: string | null;
  creator_role: string;
  /** Stages (attached or detached) that use it directly. */
  stages: number;
  /** Recovery type names, in ladder order. */
  recoveries: string[];
}

// Job type list and name choices: one query per page.
export function jobTypeReadModel(db: Knex) {
  return {
    list(experiment: string, filter: { name?: string }, req: PageRequest) {
      const q = db('job_types as j')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'j.creator')
        .where('j.experiment', experiment)
        .select(
          'j.job_type_id',
          'j.name',
          'j.launch_script',
          'j.output_file_patterns',
          'j.active',
          'x.username as creator',
          'j.creator_role',
          db.raw('(select count(*)::int from stages s where s.job_type_id = j.job_type_id) as stages'),
          db.raw(
            `coalesce((select json_agg(t.name order by r.position) from job_type_recoveries r join recovery_types t on t.recovery_type_id = r.recovery_type_id where r.job_type_id = j.job_type_id), '[]'::json) as recoveries`,
          ),
        )
        .orderBy('j.name');
      if (filter.name) q.whereILike('j.name', `%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      return paginate<JobTypeListItem>(q, req);
    },
    /** Active names, for stage and default pickers. */
    names: (experiment: string) =>
      db('job_types')
        .where({ experiment, active: true })
        .orderBy('name')
        .limit(2000)
        .pluck('name') as Promise<string[]>,
  };
}

export type JobTypeReadModel = ReturnType<typeof jobTypeReadModel>;
