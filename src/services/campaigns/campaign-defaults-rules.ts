import type { Knex } from 'knex';
import { stageStore } from '../../db/stores/stage-store.js';
import type { StageFields } from '../../domain/ini/index.js';
import { invalid, type ProblemDetail } from '../../lib/errors.js';
import { stageDocument } from './stage-columns.js';
import { rangeProblems, requiredProblems, splitProblems } from './stage-rules.js';
import { validateSplitSpec } from '../../domain/splits/index.js';

/**
 * New campaign defaults must name existing job types and login setups, use readable split types,
 * and leave every stage of the campaign complete (a stage may rely on a default being removed).
 */
export async function checkDefaults(
  db: Knex | Knex.Transaction,
  experiment: string,
  defaults: StageFields,
  campaignId?: number,
): Promise<void> {
  const problems: ProblemDetail[] = [];
  const refs = [
    ['job_types', 'job_type', defaults.jobType],
    ['login_setups', 'login_setup', defaults.loginSetup],
  ] as const;
  for (const [table, key, name] of refs) {
    if (name !== undefined && !(await db(table).where({ experiment, name }).first()))
      problems.push({
        field: `defaults.${key}`,
        message: `no ${key.replace('_', ' ')} named ${name} in ${experiment}`,
      });
  }
  for (const [key, spec] of [
    ['cs_split_type', defaults.csSplitType],
    ['test_split_type', defaults.testSplitType],
  ] as const) {
    if (typeof spec === 'string')
      for (const p of validateSplitSpec(spec, { field: `defaults.${key}` })) problems.push(p);
  }
  if (campaignId !== undefined) {
    for (const row of await stageStore(db).ofCampaign(campaignId)) {
      const stage = stageDocument(row);
      // A stage's own split type is not the defaults' business; what it inherits or lacks is.
      const inherited = [...splitProblems(stage, defaults), ...rangeProblems(stage, defaults)].filter(
        (p) => p.inherited,
      );
      for (const p of [...requiredProblems(stage, defaults), ...inherited])
        problems.push({ field: `defaults.${p.key}`, message: `stage ${row.name}: ${p.message}` });
    }
  }
  if (problems.length > 0) throw invalid(problems[0].message, problems);
}
