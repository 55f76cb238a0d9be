import { readParamPairs } from '../../../domain/ini/index.js';
import { AppError } from '../../../lib/errors.js';
import { last, many, rows } from '../campaigns/campaigns.schema.js';

/**
 * The job type form → the jobTypeInput shape. Parameters come as rows of option/value inputs;
 * each recovery as a type and its overrides written as JSON pairs (as in an .ini file).
 */
export function jobTypeFromForm(body: Record<string, unknown>) {
  const types = many(body.recovery_type);
  const overrides = many(body.recovery_overrides);
  const recoveries = types
    .map((type, i) => ({ type: type.trim(), text: (overrides[i] ?? '').trim(), i }))
    .filter((r) => r.type !== '')
    .map(({ type, text, i }) => {
      const pairs = text === '' ? { ok: true as const, value: [] } : readParamPairs(text);
      if (!pairs.ok)
        throw new AppError('invalid_input', `recovery ${i + 1}: ${pairs.message}`, [
          { field: `recoveries.${i}`, message: pairs.message },
        ]);
      return [type, pairs.value];
    });
  return {
    name: body.name,
    launch_script: body.launch_script,
    parameters: rows(body.param_option, body.param_value),
    output_file_patterns: body.output_file_patterns,
    recoveries,
    input_files_per_job: body.input_files_per_job,
    output_files_per_job: body.output_files_per_job,
    active: last(body.active) ?? 'false',
  };
}
