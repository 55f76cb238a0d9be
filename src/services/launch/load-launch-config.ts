import type { Knex } from 'knex';
import { STAGE_FIELD_PROP, type StageFieldKey } from '../../domain/ini/index.js';
import type { ParamPair } from '../../domain/launch/index.js';
import { invalid, notFound } from '../../lib/errors.js';
import { percentFormat } from '../../lib/percent-format.js';
import { parseLaunchHost } from '../../domain/launch/launch-host.js';
import type { StageLaunchConfig } from './launch-config.js';

type Defaults = Record<string, unknown>;

/** A campaign default by its .ini key; the defaults may be stored by .ini key or by property name. */
function fromDefaults(defaults: Defaults, key: StageFieldKey): unknown {
  const v = defaults[key] ?? defaults[STAGE_FIELD_PROP[key]];
  return v === '' ? undefined : v;
}

const pairs = (v: unknown): ParamPair[] => {
  const parsed = typeof v === 'string' ? (JSON.parse(v || '[]') as unknown) : v;
  return Array.isArray(parsed) ? (parsed as ParamPair[]) : [];
};
const noneToNull = (v: unknown): string | null =>
  v === null || v === undefined || (typeof v === 'string' && /^(none)?$/i.test(v.trim())) ? null : String(v);

/**
 * Loads a stage with its campaign, job type (with recovery ladder) and login setup; a stage field
 * left NULL takes the campaign default, then the built-in default. `trx` may lock the stage row.
 */
export async function loadLaunchConfig(
  db: Knex | Knex.Transaction,
  stageId: number,
  lock = false,
): Promise<StageLaunchConfig> {
  const q = db('stages').where({ stage_id: stageId }).first();
  const s = await (lock ? q.forUpdate() : q);
  if (!s) throw notFound(`stage ${stageId}`);
  const c = s.campaign_id ? await db('campaigns').where({ campaign_id: s.campaign_id }).first() : null;
  if (!c) throw invalid(`stage ${s.name} is detached from its campaign and cannot be launched`);
  const d: Defaults = (c.defaults ?? {}) as Defaults;
  const eff = <T>(column: unknown, key: StageFieldKey, fallback: T): T =>
    (column ?? fromDefaults(d, key) ?? fallback) as T;

  const jobType = s.job_type_id
    ? await db('job_types').where({ job_type_id: s.job_type_id }).first()
    : await db('job_types')
        .where({ experiment: s.experiment, name: String(fromDefaults(d, 'job_type') ?? '') })
        .first();
  if (!jobType)
    throw invalid(`stage ${s.name} has no job type (set one on the stage or in the campaign defaults)`);
  const login = s.login_setup_id
    ? await db('login_setups').where({ login_setup_id: s.login_setup_id }).first()
    : await db('login_setups')
        .where({ experiment: s.experiment, name: String(fromDefaults(d, 'login_setup') ?? '') })
        .first();
  if (!login)
    throw invalid(`stage ${s.name} has no login setup (set one on the stage or in the campaign defaults)`);
  const recoveries = await db('job_type_recoveries as r')
    .join('recovery_types as t', 't.recovery_type_id', 'r.recovery_type_id')
    .where('r.job_type_id', jobType.job_type_id)
    .orderBy('r.position')
    .select('t.name', 'r.param_overrides');
  const exp = await db('experiments').where({ experiment: s.experiment }).first('launches_held_by');
  const creator = s.creator
    ? await db('experimenters').where({ experimenter_id: s.creator }).first('username')
    : null;

  const dataset = eff<string | null>(s.dataset, 'dataset_or_split_data', null);
  const keywords = (c.keywords ?? {}) as Record<string, string>;
  const rawVersion = eff<string | null>(s.software_version, 'software_version', null);
  // Expanded here so snapshots and SAM queries use the real version (`version v1`, not `%(version)s`).
  const version = rawVersion?.includes('%(')
    ? percentFormat(rawVersion, keywords, {
        where: `stage ${s.name} software_version`,
        field: 'software_version',
      })
    : rawVersion;
  return {
    experiment: s.experiment,
    experimentHeld: !!exp?.launches_held_by,
    campaign: {
      id: c.campaign_id,
      name: c.name,
      type: c.campaign_type,
      keywords,
      defaultParamOverrides: pairs(fromDefaults(d, 'param_overrides')),
    },
    stage: {
      id: s.stage_id,
      name: s.name,
      type: eff(s.stage_type, 'stage_type', 'regular'),
      voRole: eff(s.vo_role, 'vo_role', 'Production'),
      softwareVersion: version ?? '',
      dataset: noneToNull(dataset) ?? '',
      splitType: noneToNull(eff(s.split_type, 'cs_split_type', null)),
      splitCursor: s.split_cursor === null ? null : Number(s.split_cursor),
      testSplitType: noneToNull(eff(s.test_split_type, 'test_split_type', null)),
      testSplitCursor: s.test_split_cursor === null ? null : Number(s.test_split_cursor),
      paramOverrides: pairs(eff(s.param_overrides, 'param_overrides', [])),
      testParamOverrides: pairs(eff(s.test_param_overrides, 'test_param_overrides', [])),
      mergeOverrides: !!eff(s.merge_overrides, 'merge_overrides', false),
      completionType: eff(s.completion_type, 'completion_type', 'located'),
      completionPct: Number(eff(s.completion_pct, 'completion_pct', 95)),
      outputAncestorDepth: Number(eff(s.output_ancestor_depth, 'output_ancestor_depth', 1)),
      defaultClearCronjob: !!eff(s.default_clear_cronjob, 'default_clear_cronjob', true),
      heldBy: s.hold_experimenter_id,
      creatorUsername: creator?.username ?? null,
      creatorRole: s.creator_role,
      cronSchedule: s.cron_schedule,
    },
    jobType: {
      id: jobType.job_type_id,
      name: jobType.name,
      launchScript: jobType.launch_script,
      parameters: pairs(jobType.parameters),
      outputFilePatterns: jobType.output_file_patterns,
      recoveries: recoveries.map((r: { name: string; param_overrides: unknown }) => ({
        type: r.name,
        paramOverrides: pairs(r.param_overrides),
      })),
    },
    loginSetup: {
      id: login.login_setup_id,
      name: login.name,
      ...parseLaunchHost(login.launch_host),
      account: login.launch_account,
      setup: login.launch_setup,
    },
  };
}
