import type { Knex } from 'knex';
import type { StageRow } from '../stores/stage-store.js';

/** A stage with its campaign's name, defaults and active flag (effective values need the defaults). */
export type StageWithCampaign = StageRow & {
  campaign_name: string;
  campaign_defaults: unknown;
  campaign_active: boolean;
};

// Name ↔ id lookups and small lists the poms_client compatibility routes answer; every query is
// scoped to one experiment and bounded.
export function compatReadModel(db: Knex) {
  const id = async (q: Knex.QueryBuilder, column: string) =>
    ((await q.first({ id: column }))?.id as number | undefined) ?? null;
  return {
    campaignId: (experiment: string, name: string) =>
      id(db('campaigns').where({ experiment, name }), 'campaign_id'),
    campaignName: async (experiment: string, campaignId: number) =>
      ((await db('campaigns').where({ experiment, campaign_id: campaignId }).first('name'))
        ?.name as string) ?? null,
    stageId: (experiment: string, campaign: string, stage: string) =>
      id(
        db('stages as s')
          .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
          .where({ 's.experiment': experiment, 'c.name': campaign, 's.name': stage }),
        's.stage_id',
      ),
    /** A stage by exact name; several stages of that name (in different campaigns) → all of them. */
    stageIdsByName: (experiment: string, stage: string) =>
      db('stages')
        .where({ experiment, name: stage })
        .orderBy('stage_id')
        .limit(10)
        .pluck('stage_id') as Promise<number[]>,
    stageNames: (experiment: string, stageId: number) =>
      db('stages as s')
        .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 's.experiment': experiment, 's.stage_id': stageId })
        .first('c.name as campaign', 's.name as stage', 's.campaign_id') as Promise<
        { campaign: string | null; stage: string; campaign_id: number | null } | undefined
      >,
    stageIdsOfCampaign: (campaignId: number) =>
      db('stages').where({ campaign_id: campaignId }).orderBy('stage_id').pluck('stage_id') as Promise<
        number[]
      >,
    /** The version of the experiment's stage list (stage_list_versions, bumped by triggers). */
    stageListVersion: async (experiment: string): Promise<string> =>
      String((await db('stage_list_versions').where({ experiment }).first('version'))?.version ?? 0),
    /**
     * Every stage of the experiment (Landscape's list: the original answered all of them, and its
     * clients look names up in it), as JSON text PostgreSQL builds, with the list's version read
     * in the same statement (so the same snapshot): no row objects in the app, whatever the number
     * of stages.
     */
    stageListJson: async (experiment: string): Promise<{ version: string; body: string }> =>
      (
        await db.raw(
          `select coalesce((select version from stage_list_versions where experiment = ?), 0)::text as version,
             coalesce(json_agg(json_build_object('campaign_stage_id', s.stage_id, 'name', s.name,
             'experiment', s.experiment, 'campaign_name', c.name) order by s.stage_id), '[]')::text as body
           from stages s left join campaigns c on c.campaign_id = s.campaign_id
           where s.experiment = ?`,
          [experiment, experiment],
        )
      ).rows[0] as { version: string; body: string },
    /** Stages in campaigns, with what effective values need; optionally of one campaign. */
    stagesWithCampaign: (experiment: string, campaign?: string) => {
      const q = db('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
        .leftJoin('job_types as j', 'j.job_type_id', 's.job_type_id')
        .leftJoin('login_setups as l', 'l.login_setup_id', 's.login_setup_id')
        .where('s.experiment', experiment)
        .orderBy([{ column: 'c.name' }, { column: 's.stage_id' }])
        .limit(5000)
        .select(
          's.*',
          'x.username as creator_username',
          'j.name as job_type_name',
          'l.name as login_setup_name',
          'c.name as campaign_name',
          'c.defaults as campaign_defaults',
          'c.active as campaign_active',
        );
      if (campaign !== undefined) q.where('c.name', campaign);
      return q as Promise<StageWithCampaign[]>;
    },
    jobTypeId: (experiment: string, name: string) =>
      id(db('job_types').where({ experiment, name }), 'job_type_id'),
    loginSetupId: (experiment: string, name: string) =>
      id(db('login_setups').where({ experiment, name }), 'login_setup_id'),
    tagId: (experiment: string, name: string) => id(db('tags').where({ experiment, name }), 'tag_id'),
    /** Submissions launched from this one: recoveries and dependents. */
    async children(submissionId: number) {
      const rows = await db('submissions')
        .where('parent_submission_id', submissionId)
        .orWhere('depends_on_submission_id', submissionId)
        .orderBy('submission_id')
        .limit(1000)
        .select('submission_id', 'parent_submission_id');
      return {
        recoveries: rows
          .filter((r) => r.parent_submission_id === submissionId)
          .map((r) => r.submission_id as number),
        dependents: rows
          .filter((r) => r.parent_submission_id !== submissionId)
          .map((r) => r.submission_id as number),
      };
    },
  };
}

export type CompatReadModel = ReturnType<typeof compatReadModel>;
