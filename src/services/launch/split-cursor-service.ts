import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';

export type CursorKind = 'split' | 'test';

/**
 * Rewinds or sets a stage's split cursor (the original's reset_campaign_split /
 * update_campaign_split): null starts the split over; a number is taken as the split type's own
 * cursor (an index, epoch seconds or a SAM snapshot id). Changing it is editing the stage.
 */
export function splitCursorService(db: Knex) {
  return {
    async set(
      user: UserContext,
      experiment: string,
      stageId: number,
      kind: CursorKind,
      value: number | null,
    ) {
      const s = await db('stages as s')
        .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
        .where('s.stage_id', stageId)
        .first(
          's.experiment',
          's.creator_role',
          's.split_cursor',
          's.test_split_cursor',
          'x.username as owner',
        );
      if (!s || s.experiment !== experiment) throw notFound(`stage ${stageId}`);
      authorize(user, 'modify', { experiment, owner: s.owner, creatorRole: s.creator_role });
      const column = kind === 'test' ? 'test_split_cursor' : 'split_cursor';
      await db.transaction(async (trx) => {
        await trx('stages')
          .where({ stage_id: stageId })
          .update({ [column]: value });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: value === null ? 'stage.split_reset' : 'stage.split_set',
          objectKind: 'stage',
          objectId: stageId,
          details: { cursor: kind, from: s[column] === null ? null : Number(s[column]), to: value },
        });
      });
      return { stage_id: stageId, [column]: value };
    },
  };
}
