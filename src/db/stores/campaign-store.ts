import type { Knex } from 'knex';
import type { NodePosition, StageFields } from '../../domain/ini/index.js';

export interface CampaignRow {
  campaign_id: number;
  experiment: string;
  name: string;
  active: boolean;
  campaign_type: string | null;
  /** [campaign_defaults]: stage fields by StageFields property; job type / login setup by name. */
  defaults: StageFields;
  keywords: Record<string, string>;
  node_positions: NodePosition[];
  /** campaign_stage_list of the last imported file (informational). */
  stage_list_hint: string[];
  /**
   * [campaign_defaults] stall_hours, kept in its own column (the stall rules and the campaign's
   * notifications page read it there): written from `defaults.stallHours`, read back by
   * `defaultsOfRow`.
   */
  stall_hours: number | null;
  creator: number | null;
  creator_role: string;
  creator_username: string | null;
  created_at: Date;
  updated_at: Date;
}

export type CampaignValues = Pick<
  CampaignRow,
  'name' | 'active' | 'defaults' | 'keywords' | 'node_positions' | 'stage_list_hint'
> & {
  /** `test` flags every launch of the campaign as a test launch; null = an ordinary campaign. */
  campaign_type?: 'test' | null;
};

/** jsonb columns are written as JSON text (node-postgres would turn arrays into SQL arrays). */
function toColumns(v: Partial<CampaignValues>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  for (const k of ['defaults', 'keywords', 'node_positions', 'stage_list_hint'] as const)
    if (v[k] !== undefined) out[k] = JSON.stringify(v[k]);
  if (v.defaults !== undefined) {
    const { stallHours, ...rest } = v.defaults;
    out.defaults = JSON.stringify(rest);
    out.stall_hours = stallHours ?? null;
  }
  return out;
}

// Writes and single-row reads of campaigns.
export function campaignStore(db: Knex) {
  const withCreator = () =>
    db('campaigns as c')
      .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
      .select('c.*', 'x.username as creator_username');
  return {
    byId: (experiment: string, id: number) =>
      withCreator().where({ 'c.experiment': experiment, 'c.campaign_id': id }).first() as Promise<
        CampaignRow | undefined
      >,
    byName: (experiment: string, name: string) =>
      withCreator().where({ 'c.experiment': experiment, 'c.name': name }).first() as Promise<
        CampaignRow | undefined
      >,
    /** Locks the row for the rest of the transaction (concurrent imports of one campaign queue up). */
    lock: (id: number) => db('campaigns').where({ campaign_id: id }).forUpdate().first('campaign_id'),
    async insert(
      row: CampaignValues & { experiment: string; creator: number; creator_role: string },
    ): Promise<number> {
      const [r] = await db('campaigns')
        .insert({ ...toColumns(row), updater: row.creator })
        .returning('campaign_id');
      return r.campaign_id as number;
    },
    async update(id: number, values: Partial<CampaignValues>, updater: number): Promise<void> {
      await db('campaigns')
        .where({ campaign_id: id })
        .update({ ...toColumns(values), updater, updated_at: db.fn.now() });
    },
    async remove(id: number): Promise<void> {
      await db('campaigns').where({ campaign_id: id }).delete();
    },
    /** Submissions of the campaign or of any of its stages (which make deleting it impossible). */
    async submissionCount(id: number): Promise<number> {
      const row = await db('submissions as s')
        .where('s.campaign_id', id)
        .orWhereIn('s.stage_id', db('stages').where({ campaign_id: id }).select('stage_id'))
        .count<{ n: number }[]>({ n: '*' })
        .first();
      return Number(row?.n ?? 0);
    },
  };
}

export type CampaignStore = ReturnType<typeof campaignStore>;
