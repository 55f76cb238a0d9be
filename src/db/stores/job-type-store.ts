import type { Knex } from 'knex';
import type { ParamPairs } from '../../domain/ini/index.js';

export interface JobTypeRow {
  job_type_id: number;
  experiment: string;
  name: string;
  launch_script: string;
  /** Ordered [option, value] pairs. */
  parameters: ParamPairs;
  output_file_patterns: string;
  input_files_per_job: number | null;
  output_files_per_job: number | null;
  active: boolean;
  creator: number | null;
  creator_role: string;
  creator_username: string | null;
  created_at: Date;
  updated_at: Date;
}

/** One rung of a recovery ladder, by recovery type name. */
export interface RecoveryRung {
  recovery_type: string;
  param_overrides: ParamPairs;
}

export type JobTypeValues = Pick<
  JobTypeRow,
  'name' | 'launch_script' | 'parameters' | 'output_file_patterns' | 'active'
> &
  Partial<Pick<JobTypeRow, 'input_files_per_job' | 'output_files_per_job'>>;

const jsonColumns = (v: Partial<JobTypeValues>) =>
  v.parameters === undefined ? v : { ...v, parameters: JSON.stringify(v.parameters) };

// Writes and single-row reads of job types (what a launch runs) and their recovery ladders.
export function jobTypeStore(db: Knex) {
  const withCreator = () =>
    db('job_types as j')
      .leftJoin('experimenters as x', 'x.experimenter_id', 'j.creator')
      .select('j.*', 'x.username as creator_username');
  return {
    byId: (experiment: string, id: number) =>
      withCreator().where({ 'j.experiment': experiment, 'j.job_type_id': id }).first() as Promise<
        JobTypeRow | undefined
      >,
    byName: (experiment: string, name: string) =>
      withCreator().where({ 'j.experiment': experiment, 'j.name': name }).first() as Promise<
        JobTypeRow | undefined
      >,
    async insert(
      row: JobTypeValues & { experiment: string; creator: number; creator_role: string },
    ): Promise<number> {
      const [r] = await db('job_types')
        .insert({ ...jsonColumns(row), updater: row.creator })
        .returning('job_type_id');
      return r.job_type_id as number;
    },
    async update(id: number, values: Partial<JobTypeValues>, updater: number): Promise<void> {
      await db('job_types')
        .where({ job_type_id: id })
        .update({ ...jsonColumns(values), updater, updated_at: db.fn.now() });
    },
    async remove(id: number): Promise<void> {
      await db('job_types').where({ job_type_id: id }).delete();
    },
    /** The ladder in order. */
    async recoveries(id: number): Promise<RecoveryRung[]> {
      return db('job_type_recoveries as r')
        .join('recovery_types as t', 't.recovery_type_id', 'r.recovery_type_id')
        .where('r.job_type_id', id)
        .orderBy('r.position')
        .select('t.name as recovery_type', 'r.param_overrides');
    },
    /** Rewrites the whole ladder (positions 0..n-1); names must be known recovery types. */
    async replaceRecoveries(id: number, rungs: RecoveryRung[]): Promise<void> {
      await db('job_type_recoveries').where({ job_type_id: id }).delete();
      if (rungs.length === 0) return;
      const types = await db('recovery_types').select('recovery_type_id', 'name');
      const idOf = new Map(
        types.map((t: { name: string; recovery_type_id: number }) => [t.name, t.recovery_type_id]),
      );
      await db('job_type_recoveries').insert(
        rungs.map((r, position) => ({
          job_type_id: id,
          position,
          recovery_type_id: idOf.get(r.recovery_type),
          param_overrides: JSON.stringify(r.param_overrides),
        })),
      );
    },
    async usage(experiment: string, id: number, name: string) {
      const [row] = await db
        .raw(
          `select
           (select count(*)::int from stages where job_type_id = :id) as stages,
           (select count(*)::int from campaigns where experiment = :experiment
              and coalesce(defaults->>'jobType', defaults->>'job_type') = :name) as campaigns,
           (select count(*)::int from job_type_snapshots where job_type_id = :id) as snapshots`,
          { id, experiment, name },
        )
        .then((r: { rows: unknown[] }) => r.rows);
      return row as { stages: number; campaigns: number; snapshots: number };
    },
    recoveryTypes: () =>
      db('recovery_types').orderBy('recovery_type_id').select('name', 'description') as Promise<
        Array<{ name: string; description: string }>
      >,
  };
}

export type JobTypeStore = ReturnType<typeof jobTypeStore>;
