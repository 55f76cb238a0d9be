import type { Knex } from 'knex';
import * as z from 'zod';
import {
  campaignReadModel,
  type CampaignFilter,
  type CampaignListItem,
} from '../../db/read-models/campaign-read-model.js';
import type { PageRequest } from '../../db/read-models/paginate.js';
import { campaignStore, type CampaignRow } from '../../db/stores/campaign-store.js';
import { dependencyStore } from '../../db/stores/dependency-store.js';
import { stageStore } from '../../db/stores/stage-store.js';
import { resolveStage } from '../../domain/ini/index.js';
import { can } from '../../domain/permissions/permissions.js';
import { conflict, notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { defaultsOfRow } from './campaign-document-of.js';
import { checkDefaults } from './campaign-defaults-rules.js';
import { campaignView } from './campaign-view.js';
import { flag, keywordsInput, objectName } from './field-schemas.js';
import { auditChange, ownedBy, requireExperiment, targetOf } from './ownership.js';
import { stageDocument } from './stage-columns.js';
import { stageFieldsInput } from './stage-fields-input.js';
import { cursorResets } from './stage-rules.js';

export const campaignInput = z.strictObject({
  name: objectName,
  active: flag.default(true),
  /** `%(key)s` substitutions for datasets, versions and the launch command. */
  keywords: keywordsInput.default({}),
  /** [campaign_defaults]: what stages inherit for the fields they leave empty. */
  defaults: stageFieldsInput.default({}),
  /**
   * A test campaign flags every launch as a test launch (POMS4_TEST_LAUNCH, dependents and
   * recoveries too) without applying the test overrides. Left out: unchanged (new campaigns: no).
   */
  test_campaign: flag.optional(),
});
export type CampaignInput = z.infer<typeof campaignInput>;

const duplicate = (name: string) =>
  conflict(`a campaign named ${name} already exists`, [{ field: 'name', message: 'already exists' }]);

/** Node positions follow a rename of the campaign (its node is `campaign <name>`). */
const renamedPositions = (row: CampaignRow, name: string) =>
  (row.node_positions ?? []).map((p) =>
    p.id === `campaign ${row.name}` ? { ...p, id: `campaign ${name}` } : p,
  );

/**
 * What the caller may do with each listed campaign. The rights depend only on the creator and the
 * creator's role, so they are decided once per pair (a whole list has 2,000 campaigns, few pairs).
 */
function withRights(user: UserContext, experiment: string, items: CampaignListItem[]) {
  const decided = new Map<string, { can_modify: boolean; can_operate: boolean }>();
  return items.map((c) => {
    const key = `${c.creator ?? ''}\u0000${c.creator_role}`;
    let rights = decided.get(key);
    if (!rights) {
      const target = { experiment, owner: c.creator, creatorRole: c.creator_role };
      rights = { can_modify: can(user, 'modify', target), can_operate: can(user, 'operate', target) };
      decided.set(key, rights);
    }
    // The rows are this call's own: adding to them is cheaper than copying 2,000 of them.
    return Object.assign(c, rights);
  });
}

// Campaigns of an experiment: list, settings, active flag, deletion. Stages: stage-service.ts;
// import/export/clone: campaign-import-service.ts, campaign-export-service.ts.
export function campaignService(db: Knex) {
  const read = campaignReadModel(db);

  /** `exec`: the transaction when called inside one (PGlite has a single connection: never mix). */
  async function load(user: UserContext, experiment: string, id: number, exec: Knex | Knex.Transaction = db) {
    await requireExperiment(exec, user, experiment);
    const row = await campaignStore(exec).byId(experiment, id);
    if (!row) throw notFound(`campaign ${id} in ${experiment}`);
    return row;
  }

  return {
    load,
    async list(user: UserContext, experiment: string, filter: CampaignFilter, req: PageRequest) {
      await requireExperiment(db, user, experiment);
      const page = await read.list(experiment, filter, user.experimenterId, req);
      return { ...page, items: withRights(user, experiment, page.items) };
    },
    /** Every campaign the filter keeps, up to `limit`, in one statement (poms_client show_campaigns). */
    async all(user: UserContext, experiment: string, filter: CampaignFilter, limit: number) {
      await requireExperiment(db, user, experiment);
      return withRights(user, experiment, await read.all(experiment, filter, user.experimenterId, limit));
    },
    async tagNames(user: UserContext, experiment: string) {
      await requireExperiment(db, user, experiment);
      return read.tagNames(experiment);
    },
    async get(user: UserContext, experiment: string, id: number) {
      return campaignView(db, await load(user, experiment, id), user);
    },
    async create(user: UserContext, experiment: string, input: CampaignInput) {
      await requireExperiment(db, user, experiment);
      authorize(user, 'create', { experiment });
      await checkDefaults(db, experiment, input.defaults);
      const id = await db.transaction(async (trx) => {
        const store = campaignStore(trx);
        if (await store.byName(experiment, input.name)) throw duplicate(input.name);
        const newId = await store.insert({
          name: input.name,
          active: input.active,
          defaults: input.defaults,
          keywords: input.keywords,
          campaign_type: input.test_campaign ? 'test' : null,
          node_positions: [],
          stage_list_hint: [],
          experiment,
          ...ownedBy(user),
        });
        await auditChange(
          trx,
          user,
          experiment,
          'campaign.create',
          { kind: 'campaign', id: newId },
          {
            name: input.name,
          },
        );
        return newId;
      });
      return this.get(user, experiment, id);
    },
    /** Settings, keywords and defaults; split cursors of stages whose inherited split changes restart. */
    async update(user: UserContext, experiment: string, id: number, input: CampaignInput) {
      await db.transaction(async (trx) => {
        const store = campaignStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        await store.lock(id);
        if (input.name !== row.name && (await store.byName(experiment, input.name)))
          throw duplicate(input.name);
        await checkDefaults(trx, experiment, input.defaults, id);
        const oldDefaults = defaultsOfRow(row);
        const stages = stageStore(trx);
        for (const s of await stages.ofCampaign(id)) {
          const doc = stageDocument(s);
          const resets = cursorResets(resolveStage(doc, oldDefaults), resolveStage(doc, input.defaults));
          if (Object.keys(resets).length > 0) await stages.update(s.stage_id, resets, user.experimenterId);
        }
        await store.update(
          id,
          {
            name: input.name,
            active: input.active,
            defaults: input.defaults,
            keywords: input.keywords,
            ...(input.test_campaign !== undefined
              ? { campaign_type: input.test_campaign ? ('test' as const) : null }
              : {}),
            node_positions: renamedPositions(row, input.name),
          },
          user.experimenterId,
        );
        await auditChange(
          trx,
          user,
          experiment,
          'campaign.update',
          { kind: 'campaign', id },
          {
            name: input.name,
            ...(input.name !== row.name ? { renamed_from: row.name } : {}),
            ...(input.test_campaign !== undefined && input.test_campaign !== (row.campaign_type === 'test')
              ? { test_campaign: input.test_campaign }
              : {}),
          },
        );
      });
      return this.get(user, experiment, id);
    },
    async setActive(user: UserContext, experiment: string, id: number, active: boolean) {
      await db.transaction(async (trx) => {
        const store = campaignStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        await store.update(id, { active }, user.experimenterId);
        await auditChange(
          trx,
          user,
          experiment,
          active ? 'campaign.activate' : 'campaign.deactivate',
          {
            kind: 'campaign',
            id,
          },
          { name: row.name },
        );
      });
      return { campaign_id: id, active };
    },
    /** Refused once any stage has been launched; otherwise removes stages, dependencies and tag links. */
    async remove(user: UserContext, experiment: string, id: number) {
      return db.transaction(async (trx) => {
        const store = campaignStore(trx);
        const row = await load(user, experiment, id, trx);
        authorize(user, 'modify', targetOf(row));
        await store.lock(id);
        const n = await store.submissionCount(id);
        if (n > 0)
          throw conflict(
            `campaign ${row.name} cannot be deleted: it has ${n} submission${n === 1 ? '' : 's'}; mark it inactive instead`,
          );
        const stages = stageStore(trx);
        const ids = (await stages.ofCampaign(id)).map((s) => s.stage_id);
        await dependencyStore(trx).removeTouching(ids);
        await stages.removeOfCampaign(id);
        await store.remove(id);
        await auditChange(
          trx,
          user,
          experiment,
          'campaign.delete',
          { kind: 'campaign', id },
          {
            name: row.name,
            stages: ids.length,
          },
        );
        return { campaign_id: id, name: row.name, stages: ids.length };
      });
    },
  };
}

export type CampaignService = ReturnType<typeof campaignService>;
