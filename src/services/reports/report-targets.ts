// The stage or campaign a list or report page is about: 404 unless it belongs to the experiment,
// 403 unless the user may view the experiment.

import type { Knex } from 'knex';
import { prepared } from '../../db/prepared.js';
import { notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';

export interface StageHeader {
  stage_id: number;
  name: string;
  campaign_id: number | null;
  campaign_name: string | null;
  owner: string | null;
  creator_role: string;
}

export interface CampaignHeader {
  campaign_id: number;
  name: string;
  owner: string | null;
  creator_role: string;
}

export async function stageHeader(
  db: Knex,
  user: UserContext,
  exp: string,
  id: number,
): Promise<StageHeader> {
  await requireExperiment(db, user, exp);
  const s = await prepared(
    db('stages as s')
      .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
      .where({ 's.experiment': exp, 's.stage_id': id })
      .first(
        's.stage_id',
        's.name',
        's.campaign_id',
        'c.name as campaign_name',
        'x.username as owner',
        's.creator_role',
      ),
  );
  if (!s) throw notFound(`stage ${id} in ${exp}`);
  return s as StageHeader;
}

export async function campaignHeader(
  db: Knex,
  user: UserContext,
  exp: string,
  id: number,
): Promise<CampaignHeader> {
  await requireExperiment(db, user, exp);
  const c = await db('campaigns as c')
    .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
    .where({ 'c.experiment': exp, 'c.campaign_id': id })
    .first('c.campaign_id', 'c.name', 'x.username as owner', 'c.creator_role');
  if (!c) throw notFound(`campaign ${id} in ${exp}`);
  return c as CampaignHeader;
}
