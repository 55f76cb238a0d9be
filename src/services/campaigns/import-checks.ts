import type { Knex } from 'knex';
import {
  externalReferences,
  missingRequired,
  STAGE_FIELD_PROP,
  type CampaignDocument,
  type Problem,
} from '../../domain/ini/index.js';
import type { Locate } from './ini-locator.js';
import { rangeProblems, splitProblems } from './stage-rules.js';

const NUL = '\u0000';

/** Every string in the document that PostgreSQL could not store (NUL characters), by section. */
function nulProblems(doc: CampaignDocument, locate: Locate): Problem[] {
  const found: Problem[] = [];
  const check = (section: string, value: unknown) => {
    if (JSON.stringify(value ?? null).includes('\\u0000'))
      found.push({ line: locate(section), section, message: 'Text with NUL characters cannot be stored' });
  };
  check('campaign', doc.campaign);
  check('campaign_defaults', doc.defaults);
  check('node_positions', doc.nodePositions);
  for (const s of doc.stages) check(`campaign_stage ${s.name}`, s);
  for (const j of doc.jobTypes) check(`job_type ${j.name}`, j);
  for (const l of doc.loginSetups) check(`login_setup ${l.name}`, l);
  for (const d of doc.dependencies) check(`dependencies ${d.downstream}`, d);
  return found.filter((p, i) => found.findIndex((q) => q.section === p.section) === i);
}

/**
 * What the codec cannot know and the importer must refuse, before writing anything: required
 * fields missing after defaults, unusable split types, text PostgreSQL cannot hold.
 */
export function documentProblems(doc: CampaignDocument, locate: Locate): Problem[] {
  const problems = nulProblems(doc, locate);
  if (doc.campaign.name.includes(NUL)) return problems;
  for (const m of missingRequired(doc)) {
    const section = `campaign_stage ${m.stage}`;
    for (const key of m.missing)
      problems.push({
        line: locate(section),
        section,
        key,
        message: `Stage '${m.stage}' has no ${key}, and [campaign_defaults] does not set one`,
      });
  }
  const seen = new Set<string>();
  for (const stage of doc.stages) {
    for (const p of [...splitProblems(stage, doc.defaults), ...rangeProblems(stage, doc.defaults)]) {
      // A bad default is reported once, at the default, whatever number of stages inherit it.
      const section = p.inherited ? 'campaign_defaults' : `campaign_stage ${stage.name}`;
      const message = p.inherited ? p.message : `Stage '${stage.name}': ${p.message}`;
      const id = `${section}\n${p.key}\n${message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      problems.push({ line: locate(section, p.key), section, key: p.key, message });
    }
  }
  return problems;
}

/**
 * Job types and login setups that stages use without the file defining them must already exist
 * in the experiment; one problem per missing name, where the first stage using it takes it from.
 */
export async function missingReferences(
  db: Knex | Knex.Transaction,
  experiment: string,
  doc: CampaignDocument,
  locate: Locate,
): Promise<Problem[]> {
  const refs = externalReferences(doc);
  const problems: Problem[] = [];
  const kinds = [
    ['job_types', 'job_type', refs.jobTypes, 'Job type'],
    ['login_setups', 'login_setup', refs.loginSetups, 'Login setup'],
  ] as const;
  for (const [table, key, list, label] of kinds) {
    if (list.length === 0) continue;
    const have = new Set<string>(
      await db(table)
        .where({ experiment })
        .whereIn(
          'name',
          list.map((r) => r.name),
        )
        .pluck('name'),
    );
    for (const ref of list) {
      if (have.has(ref.name)) continue;
      const first = doc.stages.find((s) => s.name === ref.stages[0]);
      const own = first?.[STAGE_FIELD_PROP[key]] !== undefined;
      const section = own ? `campaign_stage ${ref.stages[0]}` : 'campaign_defaults';
      problems.push({
        line: locate(section, key),
        section,
        key,
        message: `${label} '${ref.name}' (used by ${ref.stages.join(', ')}) is neither defined in the file nor in ${experiment}`,
      });
    }
  }
  return problems;
}

/**
 * Defaults that name a job type or login setup existing nowhere while no stage uses them: kept (the
 * file is the truth), but a stage added later that inherits them could not launch.
 */
export async function danglingDefaultWarnings(
  db: Knex | Knex.Transaction,
  experiment: string,
  doc: CampaignDocument,
  locate: Locate,
): Promise<Problem[]> {
  const warnings: Problem[] = [];
  const kinds = [
    ['job_types', 'job_type', doc.defaults.jobType, doc.jobTypes, 'job type'],
    ['login_setups', 'login_setup', doc.defaults.loginSetup, doc.loginSetups, 'login setup'],
  ] as const;
  for (const [table, key, name, defined, label] of kinds) {
    if (name === undefined || defined.some((d) => d.name === name)) continue;
    if (await db(table).where({ experiment, name }).first()) continue;
    warnings.push({
      line: locate('campaign_defaults', key),
      section: 'campaign_defaults',
      key,
      message: `The default ${label} '${name}' exists neither in the file nor in ${experiment}; stages that inherit it cannot launch`,
    });
  }
  return warnings;
}
