import type { Knex } from 'knex';
import { recordEvent } from '../../db/stores/notify-outbox-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import type { EventKind } from '../../domain/notify/event-kinds.js';

/** "submission 12 (stage gen · campaign mu2e_gen)": how a message names a submission. */
export async function describeSubmission(
  trx: Knex | Knex.Transaction,
  sub: Pick<SubmissionRow, 'submission_id' | 'stage_id'>,
): Promise<string> {
  const s = await trx('stages as s')
    .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
    .where('s.stage_id', sub.stage_id)
    .first('s.name as stage', 'c.name as campaign');
  const where = s ? ` (stage ${s.stage}${s.campaign ? ` · campaign ${s.campaign}` : ''})` : '';
  return `submission ${sub.submission_id}${where}`;
}

/** Writes a submission's event in the caller's transaction (the status change's). */
export async function recordSubmissionEvent(
  trx: Knex | Knex.Transaction,
  sub: Pick<SubmissionRow, 'submission_id' | 'stage_id' | 'campaign_id' | 'experiment'>,
  kind: EventKind,
  what: string,
  opts: { details?: Record<string, unknown>; dedupeKey?: string; at?: Date } = {},
): Promise<boolean> {
  const name = await describeSubmission(trx, sub);
  return recordEvent(
    trx,
    {
      kind,
      experiment: sub.experiment,
      campaignId: sub.campaign_id,
      stageId: sub.stage_id,
      submissionId: sub.submission_id,
      summary: `${name[0].toUpperCase()}${name.slice(1)} ${what}`,
      details: opts.details,
      dedupeKey: opts.dedupeKey,
    },
    opts.at,
  );
}
