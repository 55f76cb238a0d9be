import type { Knex } from 'knex';
import * as z from 'zod';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { jobTypeReadModel } from '../../db/read-models/job-type-read-model.js';
import { campaignDefaultsStore } from '../../db/stores/campaign-defaults-store.js';
import { jobTypeStore, type JobTypeRow, type RecoveryRung } from '../../db/stores/job-type-store.js';
import { can } from '../../domain/permissions/permissions.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { flag, freeText, objectName, paramPairsInput, recoveryRungInput } from './field-schemas.js';
import { auditChange, ownedBy, requireExperiment, targetOf } from './ownership.js';

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

const duplicate = (name: string) =>
  conflict(`a job type named ${name} already exists`, [{ field: 'name', message: 'already exists' }]);

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
    active: row.active,
    creator: row.creator_username,
    creator_role: row.creator_role,
    created_at: row.created_at,
    updated_at: row.updated_at,
    can_modify: can(user, 'modify', targetOf(row)),
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
  const read = jobTypeReadModel(db);

  /** `exec`: the transaction when called inside one (PGlite has a single connection: never mix). */
  async function load(user: UserContext, experiment: string, id: number, exec: Knex | Knex.Transaction = db) {
    await requireExperiment(exec, user, experiment);
    const row = await jobTypeStore(exec).byId(experiment, id);
    if (!row) throw notFound(`job type ${id} in ${experiment}`);
    return row;
  }
  async function view(user: UserContext, experiment: string, id: number) {
    const store = jobTypeStore(db);
    return jobTypeView((await store.byId(experiment, id))!, await store.recoveries(id), user);
  }

  return {
    async list(user: UserContext, experiment: string, filter: { name?: string }, req: PageRequest) {
      await requireExperiment(db, user, experiment);
      return read.list(experiment, filter, req);
    },
    async names(user: UserContext, experiment: string) {
      await requireExperiment(db, user, experiment);
      return read.names(experiment);
    },
    recoveryTypes: () => jobTypeStore(db).recoveryTypes(),
    async get(user: UserContext, experiment: string, id: number) {
      const row = await load(user, experiment, id);
      const store = jobTypeStore(db);
      return {
        ...jobTypeView(row, await store.recoveries(id), user),
        usage: await store.usage(experiment, id, row.name),
      };
    },
    async create(user: UserContext, experiment: string, input: JobTypeInput) {
      await requireExperiment(db, user, experiment);
      authorize(user, 'create', { experiment });
      await checkRecoveryTypes(db, input.recoveries);
      const id = await db.transaction(async (trx) => {
        const store = jobTypeStore(trx);
        if (await store.byName(experiment, input.name)) throw duplicate(input.name);
        const newId = await store.insert({ ...values(input), experiment, ...ownedBy(user) });
        await store.replaceRecoveries(newId, input.recoveries);
        await auditChange(
          trx,
          user,
          experiment,
          'job_type.create',
          { kind: 'job_type', id: newId },
          {
            name: input.name,
          },
        );
        return newId;
      });
      return view(user, experiment, id);
    },
    /** Renaming also renames the campaign defaults that name it. */
    async update(user: UserContext, experiment: string, id: number, input: JobTypeInput) {
      await checkRecoveryTypes(db, input.recoveries);
      await db.transaction(async (trx) => {
        const store = jobTypeStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        if (input.name !== row.name) {
          if (await store.byName(experiment, input.name)) throw duplicate(input.name);
          await campaignDefaultsStore(trx).renameReference(experiment, 'jobType', row.name, input.name);
        }
        await store.update(id, values(input), user.experimenterId);
        await store.replaceRecoveries(id, input.recoveries);
        await auditChange(
          trx,
          user,
          experiment,
          'job_type.update',
          { kind: 'job_type', id },
          {
            name: input.name,
            ...(input.name !== row.name ? { renamed_from: row.name } : {}),
          },
        );
      });
      return view(user, experiment, id);
    },
    /** Refused while stages, campaign defaults or past submissions (snapshots) refer to it. */
    async remove(user: UserContext, experiment: string, id: number) {
      await db.transaction(async (trx) => {
        const store = jobTypeStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        const use = await store.usage(experiment, id, row.name);
        if (use.stages + use.campaigns + use.snapshots > 0)
          throw conflict(
            `job type ${row.name} is still used (${use.stages} stages, ${use.campaigns} campaign defaults, ${use.snapshots} launched snapshots); mark it inactive instead`,
          );
        await store.remove(id);
        await auditChange(
          trx,
          user,
          experiment,
          'job_type.delete',
          { kind: 'job_type', id },
          { name: row.name },
        );
      });
    },
    async clone(user: UserContext, experiment: string, id: number, name: string) {
      const row = await load(user, experiment, id);
      const rungs = await jobTypeStore(db).recoveries(id);
      return this.create(user, experiment, {
        name,
        launch_script: row.launch_script,
        parameters: row.parameters,
        output_file_patterns: row.output_file_patterns,
        recoveries: rungs,
        input_files_per_job: row.input_files_per_job,
        output_files_per_job: row.output_files_per_job,
        active: row.active,
      });
    },
  };
}

export type JobTypeService = ReturnType<typeof jobTypeService>;
