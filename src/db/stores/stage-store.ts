import type { Knex } from 'knex';
import type { ParamPairs } from '../../domain/ini/index.js';

/** A stage's own settings; NULL = inherit the campaign default ('None' = explicitly none). */
export interface StageColumns {
  job_type_id: number | null;
  login_setup_id: number | null;
  vo_role: string | null;
  software_version: string | null;
  dataset: string | null;
  split_type: string | null;
  test_split_type: string | null;
  param_overrides: ParamPairs | null;
  test_param_overrides: ParamPairs | null;
  merge_overrides: boolean | null;
  completion_type: string | null;
  completion_pct: number | null;
  stage_type: string | null;
  output_ancestor_depth: number | null;
  default_clear_cronjob: boolean | null;
  /** Hours without a located file before the stage is stalled; null: the campaign's (issue 18). */
  stall_hours: number | null;
}

export interface StageRow extends StageColumns {
  stage_id: number;
  campaign_id: number | null;
  experiment: string;
  name: string;
  split_cursor: number | null;
  test_split_cursor: number | null;
  creator: number | null;
  creator_role: string;
  creator_username: string | null;
  /** Names of the stage's own job type / login setup (joined), null when inherited. */
  job_type_name: string | null;
  login_setup_name: string | null;
  created_at: Date;
  updated_at: Date;
}

export type StageWrite = Partial<StageColumns> & {
  name?: string;
  campaign_id?: number | null;
  split_cursor?: number | null;
  test_split_cursor?: number | null;
};

function toColumns(v: StageWrite): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  for (const k of ['param_overrides', 'test_param_overrides'] as const)
    if (v[k] !== undefined) out[k] = v[k] === null ? null : JSON.stringify(v[k]);
  return out;
}

/**
 * Every column of `stages`, named rather than `s.*` so that reads of them may run as prepared
 * statements (see db/prepared.ts); a migration adding a column that rows should carry adds it here.
 */
// prettier-ignore
export const STAGE_COLUMNS = [
  'stage_id', 'campaign_id', 'experiment', 'name', 'job_type_id', 'login_setup_id', 'vo_role',
  'software_version', 'dataset', 'split_type', 'split_cursor', 'test_split_type', 'test_split_cursor',
  'param_overrides', 'test_param_overrides', 'merge_overrides', 'completion_type', 'completion_pct',
  'stage_type', 'output_ancestor_depth', 'default_clear_cronjob', 'hold_experimenter_id', 'hold_role',
  'held_at', 'cron_schedule', 'schedule_experimenter_id', 'creator', 'creator_role', 'created_at',
  'updater', 'updated_at', 'stall_hours',
] as const;

/** Stages with their creator's, own job type's and own login setup's names (`s`). */
export const stagesNamed = (db: Knex) =>
  db('stages as s')
    .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
    .leftJoin('job_types as j', 'j.job_type_id', 's.job_type_id')
    .leftJoin('login_setups as l', 'l.login_setup_id', 's.login_setup_id')
    .select(
      ...STAGE_COLUMNS.map((c) => `s.${c}`),
      'x.username as creator_username',
      'j.name as job_type_name',
      'l.name as login_setup_name',
    );

// Writes and reads of stages. Stage ids are unique across experiments; reads still check the
// experiment so that a URL cannot reach another experiment's stage.
export function stageStore(db: Knex) {
  const full = () => stagesNamed(db);
  return {
    byId: (experiment: string, id: number) =>
      full().where({ 's.experiment': experiment, 's.stage_id': id }).first() as Promise<StageRow | undefined>,
    /** The campaign's stages in creation order (the order exports list them). */
    ofCampaign: (campaignId: number) =>
      full().where('s.campaign_id', campaignId).orderBy('s.stage_id') as Promise<StageRow[]>,
    async insert(
      row: StageWrite & {
        name: string;
        campaign_id: number;
        experiment: string;
        creator: number;
        creator_role: string;
      },
    ): Promise<number> {
      const [r] = await db('stages')
        .insert({ ...toColumns(row), updater: row.creator })
        .returning('stage_id');
      return r.stage_id as number;
    },
    async update(id: number, values: StageWrite, updater: number): Promise<void> {
      await db('stages')
        .where({ stage_id: id })
        .update({ ...toColumns(values), updater, updated_at: db.fn.now() });
    },
    /** Takes stages out of their campaign; they stay for their submissions. */
    async detach(ids: number[], updater: number): Promise<void> {
      if (ids.length === 0) return;
      await db('stages')
        .whereIn('stage_id', ids)
        .update({ campaign_id: null, updater, updated_at: db.fn.now() });
    },
    async removeOfCampaign(campaignId: number): Promise<number> {
      return db('stages').where({ campaign_id: campaignId }).delete();
    },
    async remove(id: number): Promise<void> {
      await db('stages').where({ stage_id: id }).delete();
    },
    async submissionCount(id: number): Promise<number> {
      const row = await db('submissions').where({ stage_id: id }).count<{ n: number }[]>({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },
  };
}

export type StageStore = ReturnType<typeof stageStore>;
