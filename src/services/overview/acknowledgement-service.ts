import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { acknowledgementStore } from '../../db/stores/acknowledgement-store.js';
import { invalid, notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import { authorize, type UserContext } from '../user-context.js';

export interface AcknowledgeInput {
  submission_id?: number;
  campaign_id?: number;
  note?: string;
}

/** The owner of the acknowledged object: a submission's stage, or the campaign. */
async function ownerOf(db: Knex, experiment: string, input: AcknowledgeInput) {
  const q = input.submission_id
    ? db('submissions as o')
        .join('stages as s', 's.stage_id', 'o.stage_id')
        .where('o.submission_id', input.submission_id)
        .first('o.experiment', 's.creator_role', 's.creator')
    : db('campaigns as o')
        .where('o.campaign_id', input.campaign_id!)
        .first('o.experiment', 'o.creator_role', 'o.creator');
  const row = await q;
  const what = input.submission_id ? `submission ${input.submission_id}` : `campaign ${input.campaign_id}`;
  if (!row || row.experiment !== experiment) throw notFound(`${what} in ${experiment}`);
  const owner = row.creator
    ? ((await db('experimenters').where({ experimenter_id: row.creator }).first('username'))?.username ??
      null)
    : null;
  return { what, target: { experiment, owner, creatorRole: row.creator_role as string } };
}

// "Someone has seen this": hides a shifter-view item until it changes again. Needs the right to
// operate the object (the same people who could release, kill or retry it); audited.
export function acknowledgementService(db: Knex) {
  return {
    async acknowledge(user: UserContext, experiment: string, input: AcknowledgeInput) {
      if (!input.submission_id === !input.campaign_id)
        throw invalid('acknowledge either a submission or a campaign', [
          { field: 'submission_id', message: 'give submission_id or campaign_id, not both' },
        ]);
      await requireExperiment(db, user, experiment);
      const { what, target } = await ownerOf(db, experiment, input);
      authorize(user, 'operate', target);
      return db.transaction(async (trx) => {
        const row = await acknowledgementStore(trx).insert({
          experiment,
          submissionId: input.submission_id,
          campaignId: input.campaign_id,
          acknowledgedBy: user.experimenterId,
          note: input.note || null,
        });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: 'shifter.acknowledge',
          objectKind: input.submission_id ? 'submission' : 'campaign',
          objectId: input.submission_id ?? input.campaign_id ?? null,
          details: { note: input.note ?? null },
        });
        return {
          ...row,
          experiment,
          what,
          submission_id: input.submission_id ?? null,
          campaign_id: input.campaign_id ?? null,
        };
      });
    },
  };
}
