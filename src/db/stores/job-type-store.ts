import type { Knex } from 'knex';
import type { ParamPairs } from '../../domain/ini/index.js';
import { definitionStore, type DefinitionRow, type DefinitionTable } from './definition-store.js';

export interface JobTypeRow extends DefinitionRow {
  job_type_id: number;
  launch_script: string;
  /** Ordered [option, value] pairs. */
  parameters: ParamPairs;
  output_file_patterns: string;
  input_files_per_job: number | null;
  output_files_per_job: number | null;
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

const jobTypes: DefinitionTable = {
  table: 'job_types',
  key: 'job_type_id',
  snapshots: 'job_type_snapshots',
  defaultsKeys: ['jobType', 'job_type'],
};

// Writes and single-row reads of job types (what a launch runs) and their recovery ladders.
export function jobTypeStore(db: Knex) {
  return {
    ...definitionStore<JobTypeRow, JobTypeValues>(db, jobTypes, jsonColumns),
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
    recoveryTypes: () =>
      db('recovery_types').orderBy('recovery_type_id').select('name', 'description') as Promise<
        Array<{ name: string; description: string }>
      >,
  };
}

export type JobTypeStore = ReturnType<typeof jobTypeStore>;
