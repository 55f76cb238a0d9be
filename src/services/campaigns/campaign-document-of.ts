import type { Knex } from 'knex';
import type { CampaignRow } from '../../db/stores/campaign-store.js';
import { dependencyStore } from '../../db/stores/dependency-store.js';
import { stageStore } from '../../db/stores/stage-store.js';
import {
  STAGE_FIELD_KEYS,
  STAGE_FIELD_PROP,
  type CampaignDocument,
  type JobTypeDocument,
  type LoginSetupDocument,
  type RecoveryDocument,
  type StageFields,
} from '../../domain/ini/index.js';
import { stageDocument } from './stage-columns.js';

/** The campaign defaults as StageFields (stored by property; .ini keys are read too). */
export function defaultsOf(stored: unknown): StageFields {
  const raw = (stored ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of STAGE_FIELD_KEYS) {
    const prop = STAGE_FIELD_PROP[key];
    const value = raw[prop] !== undefined ? raw[prop] : raw[key];
    if (value !== undefined && value !== '') out[prop] = value;
  }
  return out as StageFields;
}

/** A campaign row's defaults, with the stall threshold kept in its own column. */
export function defaultsOfRow(row: { defaults: unknown; stall_hours?: number | null }): StageFields {
  const d = defaultsOf(row.defaults);
  return row.stall_hours == null ? d : { ...d, stallHours: row.stall_hours };
}

/** The experiment's login setups of these names, by name (the editor fetches them too). */
export async function loginSetupsNamed(
  db: Knex,
  experiment: string,
  names: string[],
): Promise<LoginSetupDocument[]> {
  const rows = await db('login_setups').where({ experiment }).whereIn('name', names).orderBy('name');
  return rows.map(
    (r: { name: string; launch_host: string; launch_account: string; launch_setup: string }) => ({
      name: r.name,
      host: r.launch_host,
      account: r.launch_account,
      setup: r.launch_setup,
    }),
  );
}

/** The experiment's job types of these names with their recovery ladders, by name. */
export async function jobTypesNamed(
  db: Knex,
  experiment: string,
  names: string[],
): Promise<JobTypeDocument[]> {
  const rows = await db('job_types').where({ experiment }).whereIn('name', names).orderBy('name');
  const rungs = await db('job_type_recoveries as r')
    .join('recovery_types as t', 't.recovery_type_id', 'r.recovery_type_id')
    .whereIn(
      'r.job_type_id',
      rows.map((r: { job_type_id: number }) => r.job_type_id),
    )
    .orderBy(['r.job_type_id', 'r.position'])
    .select('r.job_type_id', 't.name', 'r.param_overrides');
  return rows.map(
    (r: {
      job_type_id: number;
      name: string;
      launch_script: string;
      parameters: string[][];
      output_file_patterns: string;
    }) => ({
      name: r.name,
      launchScript: r.launch_script,
      parameters: r.parameters,
      outputFilePatterns: r.output_file_patterns,
      recoveries: rungs
        .filter((g: { job_type_id: number }) => g.job_type_id === r.job_type_id)
        .map((g: { name: string; param_overrides: string[][] }) => ({
          recoveryType: g.name as RecoveryDocument['recoveryType'],
          paramOverrides: g.param_overrides,
        })),
    }),
  );
}

const distinct = (names: Array<string | undefined | null>) => [
  ...new Set(names.filter((n): n is string => typeof n === 'string' && n !== '')),
];

/**
 * Everything needed to rebuild the campaign: its settings, defaults, node positions, stages (own
 * values only), dependencies and the job types and login setups its stages and defaults use.
 * Writing it gives the export; importing that gives the same campaign back.
 */
export async function campaignDocumentOf(
  db: Knex,
  campaign: CampaignRow,
  opts: { withDefinitions: boolean } = { withDefinitions: true },
): Promise<CampaignDocument> {
  const stages = (await stageStore(db).ofCampaign(campaign.campaign_id)).map(stageDocument);
  const dependencies = (await dependencyStore(db).ofCampaign(campaign.campaign_id)).map((d) => ({
    downstream: d.downstream_name,
    upstream: d.upstream_name,
    filePattern: d.file_pattern,
  }));
  const defaults = defaultsOfRow(campaign);
  const used = (prop: 'jobType' | 'loginSetup') => distinct([defaults[prop], ...stages.map((s) => s[prop])]);
  return {
    campaign: {
      name: campaign.name,
      experiment: campaign.experiment,
      pomsRole: campaign.creator_role,
      state: campaign.active ? 'Active' : 'Inactive',
      keywords: campaign.keywords ?? {},
      stageListHint: stages.map((s) => s.name),
    },
    defaults,
    nodePositions: campaign.node_positions ?? [],
    stages,
    loginSetups: opts.withDefinitions
      ? await loginSetupsNamed(db, campaign.experiment, used('loginSetup'))
      : [],
    jobTypes: opts.withDefinitions ? await jobTypesNamed(db, campaign.experiment, used('jobType')) : [],
    dependencies,
  };
}
