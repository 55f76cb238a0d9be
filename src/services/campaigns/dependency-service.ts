import type { Knex } from 'knex';
import * as z from 'zod';
import { campaignStore } from '../../db/stores/campaign-store.js';
import { dependencyStore } from '../../db/stores/dependency-store.js';
import { stageStore } from '../../db/stores/stage-store.js';
import { resolveStage } from '../../domain/ini/index.js';
import { conflict, invalid, notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { defaultsOf } from './campaign-document-of.js';
import { freeText, objectName } from './field-schemas.js';
import { auditChange, requireExperiment, targetOf } from './ownership.js';
import { cycleThrough } from './dependency-rules.js';
import { stageDocument } from './stage-columns.js';
import { selfDependencyProblem } from './stage-rules.js';

export const dependencyInput = z.strictObject({
  /** Name of the upstream stage, in the same campaign. */
  upstream: objectName,
  /** SAM `file_name like` pattern of the upstream outputs to use, or a dimension fragment. */
  file_pattern: freeText
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'required'))
    .default('%'),
});
export type DependencyInput = z.infer<typeof dependencyInput>;

// Dependencies between stages of one campaign. Changing them edits the campaign (`modify` on it).
// No cycles, except a stage depending on itself, which needs a split type that advances.
export function dependencyService(db: Knex) {
  async function campaignFor(trx: Knex.Transaction, user: UserContext, experiment: string, stageId: number) {
    await requireExperiment(trx, user, experiment);
    const stage = await stageStore(trx).byId(experiment, stageId);
    if (!stage) throw notFound(`stage ${stageId} in ${experiment}`);
    if (stage.campaign_id === null) throw conflict(`stage ${stage.name} is detached from its campaign`);
    const campaign = (await campaignStore(trx).byId(experiment, stage.campaign_id))!;
    authorize(user, 'modify', targetOf(campaign));
    await campaignStore(trx).lock(campaign.campaign_id);
    return { stage, campaign };
  }

  return {
    /** Makes `downstreamId` depend on the stage named `input.upstream`. */
    async add(user: UserContext, experiment: string, downstreamId: number, input: DependencyInput) {
      return db.transaction(async (trx) => {
        const { stage, campaign } = await campaignFor(trx, user, experiment, downstreamId);
        const stages = await stageStore(trx).ofCampaign(campaign.campaign_id);
        const upstream = stages.find((s) => s.name === input.upstream);
        if (!upstream)
          throw invalid(`campaign ${campaign.name} has no stage named ${input.upstream}`, [
            { field: 'upstream', message: 'not a stage of this campaign' },
          ]);
        const deps = dependencyStore(trx);
        if (upstream.stage_id === stage.stage_id) {
          const split = resolveStage(stageDocument(stage), defaultsOf(campaign.defaults)).csSplitType;
          const blocked = selfDependencyProblem(split);
          if (blocked) throw invalid(blocked, [{ field: 'upstream', message: blocked }]);
        } else {
          const edges = (await deps.ofCampaign(campaign.campaign_id)).map((d) => ({
            upstream: d.upstream_stage_id,
            downstream: d.downstream_stage_id,
          }));
          const cycle = cycleThrough(edges, { upstream: upstream.stage_id, downstream: stage.stage_id });
          if (cycle) {
            const name = new Map(stages.map((s) => [s.stage_id, s.name]));
            const path = [...cycle, stage.stage_id].map((id) => name.get(id)).join(' → ');
            throw invalid(`that dependency would close a cycle: ${path}`, [
              { field: 'upstream', message: 'cycle' },
            ]);
          }
        }
        const id = await deps.insert({
          upstream: upstream.stage_id,
          downstream: stage.stage_id,
          filePattern: input.file_pattern,
        });
        await auditChange(
          trx,
          user,
          experiment,
          'dependency.create',
          { kind: 'dependency', id },
          {
            upstream: upstream.name,
            downstream: stage.name,
            file_pattern: input.file_pattern,
          },
        );
        return {
          dependency_id: id,
          upstream: upstream.name,
          downstream: stage.name,
          file_pattern: input.file_pattern,
        };
      });
    },
    async remove(user: UserContext, experiment: string, id: number) {
      await db.transaction(async (trx) => {
        const deps = dependencyStore(trx);
        const dep = await deps.byId(id);
        if (!dep) throw notFound(`dependency ${id}`);
        await campaignFor(trx, user, experiment, dep.downstream_stage_id);
        await deps.remove(id);
        await auditChange(
          trx,
          user,
          experiment,
          'dependency.delete',
          { kind: 'dependency', id },
          {
            upstream: dep.upstream_name,
            downstream: dep.downstream_name,
          },
        );
      });
      return { dependency_id: id };
    },
  };
}

export type DependencyService = ReturnType<typeof dependencyService>;
