import type { Knex } from 'knex';
import * as z from 'zod';
import { stageViewReadModel, type StageEdge } from '../../db/read-models/stage-view-read-model.js';
import { campaignStore, type CampaignRow } from '../../db/stores/campaign-store.js';
import { dependencyStore } from '../../db/stores/dependency-store.js';
import { stageStore, type StageRow } from '../../db/stores/stage-store.js';
import { resolveStage, type StageDocument, type StageFields } from '../../domain/ini/index.js';
import { loginSetupUseProblem } from '../../domain/launch/index.js';
import { conflict, invalid, notFound, type ProblemDetail } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { defaultsOfRow } from './campaign-document-of.js';
import { inheritable, stageView } from './campaign-view.js';
import { objectName } from './field-schemas.js';
import { auditChange, ownedBy, requireExperiment, targetOf } from './ownership.js';
import { stageColumns, stageDocument } from './stage-columns.js';
import { stageFieldsShape, toStageFields } from './stage-fields-input.js';
import { cursorResets, selfDependencyProblem, stageProblems } from './stage-rules.js';

export const stageInput = z
  .strictObject({
    name: objectName.refine((s) => !s.includes(','), 'no commas (campaign_stage_list is comma-separated)'),
    ...stageFieldsShape,
  })
  .transform(({ name, ...fields }) => ({ name, fields: toStageFields(fields) }));
export type StageInput = z.infer<typeof stageInput>;

/** Job type and login setup ids for the names the stage sets itself (null: inherited). */
async function references(
  db: Knex | Knex.Transaction,
  experiment: string,
  f: StageFields,
  effective: StageFields,
) {
  const problems: ProblemDetail[] = [];
  const find = async (table: string, column: string, key: string, name: string | undefined) => {
    if (name === undefined) return null;
    const row = await db(table).where({ experiment, name }).first(column);
    if (!row)
      problems.push({ field: key, message: `no ${key.replace('_', ' ')} named ${name} in ${experiment}` });
    return (row?.[column] as number | undefined) ?? null;
  };
  const jobTypeId = await find('job_types', 'job_type_id', 'job_type', f.jobType);
  const loginSetupId = await find('login_setups', 'login_setup_id', 'login_setup', f.loginSetup);
  // An inherited name must exist too, or the stage could not launch.
  if (f.jobType === undefined) await find('job_types', 'job_type_id', 'job_type', effective.jobType);
  if (f.loginSetup === undefined)
    await find('login_setups', 'login_setup_id', 'login_setup', effective.loginSetup);
  return { refs: { jobTypeId, loginSetupId }, problems };
}

/** Everything wrong with the stage as it would be saved, one detail per field. */
async function checkStage(
  db: Knex | Knex.Transaction,
  campaign: CampaignRow,
  stage: StageDocument,
  creatorRole: string,
) {
  const defaults = defaultsOfRow(campaign);
  const effective = resolveStage(stage, defaults);
  const { refs, problems } = await references(db, campaign.experiment, stage, effective);
  if (effective.loginSetup !== undefined) {
    const ls = await db('login_setups')
      .where({ experiment: campaign.experiment, name: effective.loginSetup })
      .first('name', 'creator_role');
    const problem = ls && loginSetupUseProblem(creatorRole, { name: ls.name, creatorRole: ls.creator_role });
    if (problem) problems.push({ field: 'login_setup', message: problem });
  }
  for (const p of stageProblems(stage, defaults))
    problems.push({
      field: p.key,
      message: p.inherited ? `${p.message} (inherited from the campaign defaults)` : p.message,
    });
  if (problems.length > 0) throw invalid(problems[0].message, problems);
  return refs;
}

// Stages of a campaign. Adding one edits the campaign (`modify` on it); editing or deleting one
// needs `modify` on the stage itself. Detached stages are shown but no longer edited.
export function stageService(db: Knex) {
  /** `trx`: the transaction when called inside one (PGlite has a single connection: never mix). */
  async function load(user: UserContext, experiment: string, id: number, trx: Knex | Knex.Transaction = db) {
    await requireExperiment(trx, user, experiment);
    const row = await stageStore(trx).byId(experiment, id);
    if (!row) throw notFound(`stage ${id} in ${experiment}`);
    return row;
  }
  async function campaignOf(trx: Knex | Knex.Transaction, row: StageRow) {
    if (row.campaign_id === null)
      throw conflict(`stage ${row.name} is detached from its campaign; it is kept for its submissions only`);
    return (await campaignStore(trx).byId(row.experiment, row.campaign_id))!;
  }
  const duplicate = (name: string) =>
    conflict(`the campaign already has a stage named ${name}`, [
      { field: 'name', message: 'already exists' },
    ]);

  return {
    /** The stage page: its own and effective values, its campaign's defaults, its dependencies. */
    async get(user: UserContext, experiment: string, id: number) {
      await requireExperiment(db, user, experiment);
      // The stage with its campaign, dependencies and sibling stages: one statement.
      const found = await stageViewReadModel(db).get(experiment, id);
      if (!found) throw notFound(`stage ${id} in ${experiment}`);
      const { row, campaign, edges, siblings } = found;
      const defaults = defaultsOfRow(campaign ?? { defaults: undefined });
      return {
        ...stageView(row, defaults, user),
        campaign: campaign ? { campaign_id: campaign.campaign_id, name: campaign.name } : null,
        inherits: inheritable(defaults),
        campaign_stages: campaign ? siblings : [],
        upstream: edges.filter((d) => d.downstream_stage_id === id).map(dependencyView),
        downstream: edges.filter((d) => d.upstream_stage_id === id).map(dependencyView),
      };
    },
    async create(user: UserContext, experiment: string, campaignId: number, input: StageInput) {
      const id = await db.transaction(async (trx) => {
        await requireExperiment(trx, user, experiment);
        const campaign = await campaignStore(trx).byId(experiment, campaignId);
        if (!campaign) throw notFound(`campaign ${campaignId} in ${experiment}`);
        authorize(user, 'modify', targetOf(campaign));
        await campaignStore(trx).lock(campaignId);
        const stages = stageStore(trx);
        if ((await stages.ofCampaign(campaignId)).some((s) => s.name === input.name))
          throw duplicate(input.name);
        const refs = await checkStage(
          trx,
          campaign,
          { name: input.name, ...input.fields },
          ownedBy(user).creator_role,
        );
        const newId = await stages.insert({
          ...stageColumns(input.fields, refs),
          name: input.name,
          campaign_id: campaignId,
          experiment,
          ...ownedBy(user),
        });
        await auditChange(
          trx,
          user,
          experiment,
          'stage.create',
          { kind: 'stage', id: newId },
          {
            name: input.name,
            campaign: campaign.name,
          },
        );
        return newId;
      });
      return this.get(user, experiment, id);
    },
    /** Replaces the stage's own values (absent = inherit); a new dataset or split type restarts the split. */
    async update(user: UserContext, experiment: string, id: number, input: StageInput) {
      await db.transaction(async (trx) => {
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        const campaign = await campaignOf(trx, row);
        await campaignStore(trx).lock(campaign.campaign_id);
        const stages = stageStore(trx);
        if (
          input.name !== row.name &&
          (await stages.ofCampaign(campaign.campaign_id)).some((s) => s.name === input.name)
        )
          throw duplicate(input.name);
        const next: StageDocument = { name: input.name, ...input.fields };
        const refs = await checkStage(trx, campaign, next, row.creator_role);
        const defaults = defaultsOfRow(campaign);
        const after = resolveStage(next, defaults);
        const selfDep = (await dependencyStore(trx).ofStage(id)).some(
          (d) => d.upstream_stage_id === d.downstream_stage_id,
        );
        const blocked = selfDep ? selfDependencyProblem(after.csSplitType) : undefined;
        if (blocked)
          throw invalid(`this stage depends on itself: ${blocked}`, [
            { field: 'cs_split_type', message: blocked },
          ]);
        const resets = cursorResets(resolveStage(stageDocument(row), defaults), after);
        await stages.update(
          id,
          { ...stageColumns(input.fields, refs), name: input.name, ...resets },
          user.experimenterId,
        );
        if (input.name !== row.name) {
          const positions = (campaign.node_positions ?? []).map((p) =>
            p.id === row.name ? { ...p, id: input.name } : p,
          );
          await campaignStore(trx).update(
            campaign.campaign_id,
            { node_positions: positions },
            user.experimenterId,
          );
        }
        await auditChange(
          trx,
          user,
          experiment,
          'stage.update',
          { kind: 'stage', id },
          {
            name: input.name,
            ...(input.name !== row.name ? { renamed_from: row.name } : {}),
            ...(Object.keys(resets).length ? { cursors_reset: Object.keys(resets) } : {}),
          },
        );
      });
      return this.get(user, experiment, id);
    },
    /** Refused once the stage has submissions (they keep it); its dependencies go with it. */
    async remove(user: UserContext, experiment: string, id: number) {
      await db.transaction(async (trx) => {
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        const stages = stageStore(trx);
        const n = await stages.submissionCount(id);
        if (n > 0)
          throw conflict(`stage ${row.name} cannot be deleted: it has ${n} submission${n === 1 ? '' : 's'}`);
        await dependencyStore(trx).removeTouching([id]);
        await stages.remove(id);
        await auditChange(
          trx,
          user,
          experiment,
          'stage.delete',
          { kind: 'stage', id },
          {
            name: row.name,
            campaign_id: row.campaign_id,
          },
        );
      });
      return { stage_id: id };
    },
  };
}

function dependencyView(d: StageEdge) {
  return {
    dependency_id: d.dependency_id,
    upstream: d.upstream_name,
    downstream: d.downstream_name,
    upstream_stage_id: d.upstream_stage_id,
    downstream_stage_id: d.downstream_stage_id,
    file_pattern: d.file_pattern,
  };
}

export type StageService = ReturnType<typeof stageService>;
