import { compatReadModel } from '../../db/read-models/compat-read-model.js';
import { normalizeRecoveryType } from '../../domain/recovery/recovery-types.js';
import { invalid, notFound } from '../../lib/errors.js';
import type { JobTypeService } from '../campaigns/job-type-service.js';
import { jobTypeInput } from '../campaigns/job-type-service.js';
import { loginSetupInput, type LoginSetupService } from '../campaigns/login-setup-service.js';
import type { UserContext } from '../user-context.js';
import { mergeRecoveries, type Rung } from './pairs-merge.js';
import { literalPairs, parsePythonLiteral } from './python-literal.js';

export type EditAction = 'add' | 'edit' | 'delete';
type Fields = Record<string, string | undefined>;

/** add/edit/delete as the original's forms name them; anything else is a 400 naming the field. */
export function editAction(v: string | undefined): EditAction {
  if (v === 'add' || v === 'edit' || v === 'delete') return v;
  throw invalid(`action must be add, edit or delete${v ? `, not ${v}` : ''}`, [
    { field: 'action', message: 'required' },
  ]);
}

/** poms_client sends json.dumps(None) = "null" for a value not given; that is "no change" here. */
const given = (v: string | undefined): string | undefined =>
  v === undefined || /^(null|none)?$/i.test(v.trim()) ? undefined : v;
const flag = (v: string | undefined) =>
  v === undefined ? undefined : !/^(false|0|off|no|none)$/i.test(v.trim());
const required = (v: string | undefined, field: string) => {
  if (!v?.trim()) throw invalid(`${field} is required`, [{ field, message: 'required' }]);
  return v.trim();
};

/** A recovery ladder as the client sends it: `[["type", [["opt", "val"], …]], …]` (JSON or Python). */
export function literalRecoveries(text: string, field: string): Rung[] {
  const v = parsePythonLiteral(text, field);
  if (!Array.isArray(v))
    throw invalid(`${field} must be a list of [type, pairs]`, [{ field, message: 'not a list' }]);
  return v.map((rung) => {
    if (!Array.isArray(rung) || typeof rung[0] !== 'string')
      throw invalid(`${field}: each recovery is [type, pairs]`, [{ field, message: JSON.stringify(rung) }]);
    const type = normalizeRecoveryType(rung[0]) ?? rung[0];
    return [type, literalPairs(JSON.stringify(rung[1] ?? []), field)];
  });
}

// job_type_edit / job_type_rm / modify_job_type_recoveries and login_setup_edit / login_setup_rm:
// the original's ae_* form fields mapped onto the job type and login setup services (which check
// permissions, names and recovery types). An edit keeps what the call does not send.
export function definitionEdits(
  db: Parameters<typeof compatReadModel>[0],
  jobTypes: JobTypeService,
  loginSetups: LoginSetupService,
) {
  const read = compatReadModel(db);
  const jobTypeIdOf = async (exp: string, name: string) => {
    const id = await read.jobTypeId(exp, name);
    if (!id) throw notFound(`job type ${name} in ${exp}`);
    return id;
  };
  const loginSetupIdOf = async (exp: string, name: string) => {
    const id = await read.loginSetupId(exp, name);
    if (!id) throw notFound(`login setup ${name} in ${exp}`);
    return id;
  };

  return {
    async jobType(user: UserContext, exp: string, action: EditAction, f: Fields) {
      const name = required(f.ae_definition_name, 'ae_definition_name');
      if (action === 'delete') {
        await jobTypes.remove(user, exp, await jobTypeIdOf(exp, name));
        return { message: `The job type '${name}' has been deleted.` };
      }
      const id = action === 'edit' ? await jobTypeIdOf(exp, name) : null;
      const cur = id ? await jobTypes.get(user, exp, id) : null;
      const input = jobTypeInput.parse({
        name,
        launch_script:
          f.ae_launch_script?.trim() || cur?.launch_script || required(undefined, 'ae_launch_script'),
        parameters: given(f.ae_definition_parameters)
          ? literalPairs(f.ae_definition_parameters!, 'ae_definition_parameters')
          : (cur?.parameters ?? []),
        output_file_patterns: f.ae_output_file_patterns?.trim() || cur?.output_file_patterns || '%',
        recoveries: given(f.ae_definition_recovery)
          ? literalRecoveries(f.ae_definition_recovery!, 'ae_definition_recovery')
          : (cur?.recoveries ?? []),
        input_files_per_job: f.ae_input_files_per_job ?? cur?.input_files_per_job ?? undefined,
        output_files_per_job: f.ae_output_files_per_job ?? cur?.output_files_per_job ?? undefined,
        active: flag(f.ae_active) ?? cur?.active ?? true,
      });
      const jt = id ? await jobTypes.update(user, exp, id, input) : await jobTypes.create(user, exp, input);
      return {
        message: `The job type '${jt.name}' has been ${id ? 'updated' : 'added'}.`,
        job_type_id: jt.job_type_id,
      };
    },

    /** Merges recoveries into a job type's ladder; answers the whole ladder. */
    async recoveries(user: UserContext, exp: string, jobTypeId: number, text: string) {
      const cur = await jobTypes.get(user, exp, jobTypeId);
      const ladder = mergeRecoveries(
        cur.recoveries.map(([t, pairs]) => [t, pairs.map((p) => [p[0], p[1] ?? ''])] as Rung),
        literalRecoveries(text, 'recoveries'),
      );
      const input = jobTypeInput.parse({
        name: cur.name,
        launch_script: cur.launch_script,
        parameters: cur.parameters,
        output_file_patterns: cur.output_file_patterns,
        recoveries: ladder,
        input_files_per_job: cur.input_files_per_job ?? undefined,
        output_files_per_job: cur.output_files_per_job ?? undefined,
        active: cur.active,
      });
      await jobTypes.update(user, exp, jobTypeId, input);
      return ladder;
    },

    async loginSetup(user: UserContext, exp: string, action: EditAction, f: Fields) {
      const name = required(f.ae_launch_name, 'ae_launch_name');
      if (action === 'delete') {
        await loginSetups.remove(user, exp, await loginSetupIdOf(exp, name));
        return { message: `The login setup '${name}' has been deleted.` };
      }
      const id = action === 'edit' ? await loginSetupIdOf(exp, name) : null;
      const cur = id ? await loginSetups.get(user, exp, id) : null;
      const input = loginSetupInput.parse({
        name,
        launch_host: f.ae_launch_host?.trim() || cur?.launch_host || required(undefined, 'ae_launch_host'),
        launch_account:
          f.ae_launch_account?.trim() || cur?.launch_account || required(undefined, 'ae_launch_account'),
        launch_setup: f.ae_launch_setup?.trim() ?? cur?.launch_setup ?? '',
        active: flag(f.ae_active) ?? cur?.active ?? true,
      });
      const ls = id
        ? await loginSetups.update(user, exp, id, input)
        : await loginSetups.create(user, exp, input);
      return {
        message: `The login setup '${ls.name}' has been ${id ? 'updated' : 'added'}.`,
        login_setup_id: ls.login_setup_id,
      };
    },
  };
}

export type DefinitionEdits = ReturnType<typeof definitionEdits>;
