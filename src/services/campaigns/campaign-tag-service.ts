import type { Knex } from 'knex';
import * as z from 'zod';
import { campaignStore } from '../../db/stores/campaign-store.js';
import { tagStore } from '../../db/stores/tag-store.js';
import { creatorRoleFor } from '../../domain/permissions/roles.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { auditChange, requireExperiment, targetOf } from './ownership.js';

export const tagInput = z.strictObject({
  tag: z
    .string()
    .trim()
    .min(1, 'required')
    .max(100, 'at most 100 characters')
    .regex(/^[^\s,]+$/, 'one word: no blanks or commas'),
});

// Tags on campaigns (per experiment): linking creates a tag on first use, unlinking deletes a tag
// no campaign uses any more. Tagging edits the campaign, so it needs `modify` on it.
export function campaignTagService(db: Knex) {
  async function guarded(user: UserContext, experiment: string, id: number, trx: Knex.Transaction) {
    await requireExperiment(trx, user, experiment);
    const row = await campaignStore(trx).byId(experiment, id);
    if (!row) throw notFound(`campaign ${id} in ${experiment}`);
    authorize(user, 'modify', targetOf(row));
    return row;
  }

  return {
    async add(user: UserContext, experiment: string, id: number, tag: string) {
      return db.transaction(async (trx) => {
        await guarded(user, experiment, id, trx);
        const tags = tagStore(trx);
        const tagId = await tags.ensure(experiment, tag, user.experimenterId, creatorRoleFor(user.role));
        if (await tags.link(id, tagId))
          await auditChange(trx, user, experiment, 'campaign.tag', { kind: 'campaign', id }, { tag });
        return { campaign_id: id, tags: (await tags.ofCampaign(id)).map((t) => t.name) };
      });
    },
    async remove(user: UserContext, experiment: string, id: number, tag: string) {
      return db.transaction(async (trx) => {
        await guarded(user, experiment, id, trx);
        const tags = tagStore(trx);
        const found = await tags.byName(experiment, tag);
        if (found && (await tags.unlink(id, found.tag_id))) {
          await tags.removeIfUnused(found.tag_id);
          await auditChange(trx, user, experiment, 'campaign.untag', { kind: 'campaign', id }, { tag });
        }
        return { campaign_id: id, tags: (await tags.ofCampaign(id)).map((t) => t.name) };
      });
    },
  };
}

export type CampaignTagService = ReturnType<typeof campaignTagService>;
