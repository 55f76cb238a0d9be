import type { DataServiceKind } from '../../domain/files/data-service-kind.js';
import type { Knex } from 'knex';
import { STAGE_FIELD_PROP, type StageFieldKey } from '../../domain/ini/index.js';
import type { ParamPair } from '../../domain/launch/index.js';
import { prepared } from '../../db/prepared.js';
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

/** The named default of the campaign `c` (by .ini key, else by property name; '' = unset), in SQL. */
const defaultSql = (key: StageFieldKey) =>
  `nullif(coalesce(c.defaults->>'${key}', c.defaults->>'${STAGE_FIELD_PROP[key]}'), '')`;

// Everything a launch needs in one statement (pages and launches alike): the stage, its campaign,
// the job type and login setup (the stage's own, else the campaign default's by name), the
// recovery ladder, the experiment hold and the stage's creator.
const CONFIG_SQL = `select to_json(s) as s, to_json(c) as c, to_json(j) as j, to_json(l) as l,
    e.launches_held_by, e.data_service, x.username as creator_username,
    coalesce((select json_agg(json_build_object('name', t.name, 'param_overrides', r.param_overrides)
                order by r.position)
              from job_type_recoveries r join recovery_types t on t.recovery_type_id = r.recovery_type_id
              where r.job_type_id = j.job_type_id), '[]'::json) as recoveries
  from stages s
  join experiments e on e.experiment = s.experiment
  left join campaigns c on c.campaign_id = s.campaign_id
  left join job_types j on j.job_type_id = coalesce(s.job_type_id,
    (select jj.job_type_id from job_types jj where jj.experiment = s.experiment and jj.name = ${defaultSql('job_type')}))
  left join login_setups l on l.login_setup_id = coalesce(s.login_setup_id,
    (select ll.login_setup_id from login_setups ll where ll.experiment = s.experiment and ll.name = ${defaultSql('login_setup')}))
  left join experimenters x on x.experimenter_id = s.creator
  where s.stage_id = ?`;

type Row = Record<string, any>;

/**
 * Loads a stage with its campaign, job type (with recovery ladder) and login setup; a stage field
 * left NULL takes the campaign default, then the built-in default. `trx` may lock the stage row.
 */
export async function loadLaunchConfig(
  db: Knex | Knex.Transaction,
  stageId: number,
  lock = false,
): Promise<StageLaunchConfig> {
  const { rows } = (await prepared(
    db.raw(lock ? `${CONFIG_SQL} for update of s` : CONFIG_SQL, [stageId]),
  )) as {
    rows: Array<{
      s: Row;
      c: Row | null;
      j: Row | null;
      l: Row | null;
      launches_held_by: number | null;
      data_service: DataServiceKind | null;
      creator_username: string | null;
      recoveries: Array<{ name: string; param_overrides: unknown }>;
    }>;
  };
  const row = rows[0];
  if (!row) throw notFound(`stage ${stageId}`);
  const { s, c, j: jobType, l: login } = row;
  if (!c) throw invalid(`stage ${s.name} is detached from its campaign and cannot be launched`);
  const d: Defaults = (c.defaults ?? {}) as Defaults;
  const eff = <T>(column: unknown, key: StageFieldKey, fallback: T): T =>
    (column ?? fromDefaults(d, key) ?? fallback) as T;
  if (!jobType)
    throw invalid(`stage ${s.name} has no job type (set one on the stage or in the campaign defaults)`);
  if (!login)
    throw invalid(`stage ${s.name} has no login setup (set one on the stage or in the campaign defaults)`);
  const recoveries = row.recoveries;
  const exp = { launches_held_by: row.launches_held_by };
  const creator = row.creator_username === null ? null : { username: row.creator_username };

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
    dataService: row.data_service ?? 'sam',
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
      creatorRole: login.creator_role,
      active: login.active,
    },
  };
}
