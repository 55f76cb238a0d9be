import type { Knex } from 'knex';
import * as z from 'zod';
import { jobTypeReadModel } from '../../db/read-models/job-type-read-model.js';
import { jobTypeStore, type JobTypeRow, type RecoveryRung } from '../../db/stores/job-type-store.js';
import { invalid } from '../../lib/errors.js';
import type { UserContext } from '../user-context.js';
import { definitionService, definitionViewTail } from './definition-service.js';
import { flag, freeText, objectName, paramPairsInput, recoveryRungInput } from './field-schemas.js';

const perJob = z.union([
  z.coerce.number().int().min(0).max(1_000_000),
  z.literal('').transform(() => null),
  z.null(),
]);

export const jobTypeInput = z.strictObject({
  name: objectName,
  /** The command run on the launch host, e.g. fife_launch. */
  launch_script: freeText.refine((s) => s.trim() !== '', 'required'),
  /** Appended to the script as option+value, in order. */
  parameters: paramPairsInput.default([]),
  /** Comma-separated file-name LIKE patterns (or dimension fragments) of this job type's outputs. */
  output_file_patterns: freeText.transform((s) => s.trim() || '%').default('%'),
  /** Recovery ladder: [recovery type, param overrides] in order. */
  recoveries: z.array(recoveryRungInput).default([]),
  input_files_per_job: perJob.optional(),
  output_files_per_job: perJob.optional(),
  active: flag.default(true),
});
/** The parsed input; recovery types are checked against the recovery_types table on save. */
export type JobTypeInput = Omit<z.infer<typeof jobTypeInput>, 'recoveries'> & { recoveries: RecoveryRung[] };

export function jobTypeView(row: JobTypeRow, recoveries: RecoveryRung[], user: UserContext) {
  return {
    job_type_id: row.job_type_id,
    experiment: row.experiment,
    name: row.name,
    launch_script: row.launch_script,
    parameters: row.parameters,
    output_file_patterns: row.output_file_patterns,
    recoveries: recoveries.map((r) => [r.recovery_type, r.param_overrides] as const),
    input_files_per_job: row.input_files_per_job,
    output_files_per_job: row.output_files_per_job,
    ...definitionViewTail(row, user),
  };
}

/** Refuses recovery types the recovery_types table does not list. */
export async function checkRecoveryTypes(db: Knex, rungs: RecoveryRung[]): Promise<void> {
  const known = new Set((await jobTypeStore(db).recoveryTypes()).map((t) => t.name));
  const bad = rungs.findIndex((r) => !known.has(r.recovery_type));
  if (bad >= 0)
    throw invalid(`unknown recovery type ${rungs[bad].recovery_type}`, [
      { field: `recoveries.${bad}`, message: `known: ${[...known].join(', ')}` },
    ]);
}

const values = (input: JobTypeInput) => ({
  name: input.name,
  launch_script: input.launch_script,
  parameters: input.parameters,
  output_file_patterns: input.output_file_patterns,
  active: input.active,
  ...(input.input_files_per_job !== undefined ? { input_files_per_job: input.input_files_per_job } : {}),
  ...(input.output_files_per_job !== undefined ? { output_files_per_job: input.output_files_per_job } : {}),
});

// Job types of an experiment: launch script, parameters, output patterns and recovery ladder.
export function jobTypeService(db: Knex) {
  return {
    ...definitionService(db, {
      noun: 'job type',
      kind: 'job_type',
      defaultsKey: 'jobType',
      store: jobTypeStore,
      readModel: jobTypeReadModel,
      values,
      view: async (exec, row, user: UserContext) =>
        jobTypeView(row, await jobTypeStore(exec).recoveries(row.job_type_id), user),
      cloneOf: async (exec, row): Promise<Omit<JobTypeInput, 'name'>> => ({
        launch_script: row.launch_script,
        parameters: row.parameters,
        output_file_patterns: row.output_file_patterns,
        recoveries: await jobTypeStore(exec).recoveries(row.job_type_id),
        input_files_per_job: row.input_files_per_job,
        output_files_per_job: row.output_files_per_job,
        active: row.active,
      }),
      check: (exec, input) => checkRecoveryTypes(exec, input.recoveries),
      saveExtras: (trx, id, input) => jobTypeStore(trx).replaceRecoveries(id, input.recoveries),
    }),
    recoveryTypes: () => jobTypeStore(db).recoveryTypes(),
  };
}

export type JobTypeService = ReturnType<typeof jobTypeService>;
