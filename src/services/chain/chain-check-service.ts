import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Sam } from '../../adapters/sam/sam.js';
import type { MetacatDataHandling } from '../data/metacat-data-handling.js';
import { campaignStore, type CampaignRow } from '../../db/stores/campaign-store.js';
import type { CampaignDocument } from '../../domain/ini/index.js';
import { notFound } from '../../lib/errors.js';
import { campaignDocumentOf } from '../campaigns/campaign-document-of.js';
import { parseEditorIni } from '../campaigns/editor-ini.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { CredentialsFor } from '../launch/launch-credentials.js';
import type { SplitSamFor } from '../launch/launch-ports.js';
import type { UserContext } from '../user-context.js';
import { checkChain, type ChainReport } from './check-chain.js';

export interface ChainCheckDeps {
  db: Knex;
  sam?: Sam;
  metacat?: MetacatDataHandling;
  splitSamFor: SplitSamFor;
  splitMetacatFor?: SplitSamFor;
  credentialsFor?: CredentialsFor;
  now: () => Date;
  newId?: () => string;
}

// "Check chain" (issue 18 item 4): what each stage and dependency of a campaign would get now,
// with the chain's warnings; reads SAM (or MetaCat and Data Dispatcher) and the database, writes
// nothing anywhere.
export function chainCheckService(deps: ChainCheckDeps) {
  const run = (user: UserContext, experiment: string, doc: CampaignDocument, saved: SavedCampaign | null) =>
    checkChain(
      { ...deps, newId: deps.newId ?? (() => crypto.randomUUID().replaceAll('-', '')) },
      {
        experiment,
        doc,
        campaignId: saved?.campaign_id ?? null,
        creatorRole:
          saved?.creator_role ?? (user.memberships[experiment] === 'analysis' ? 'analysis' : 'production'),
        launcher: user.username,
      },
    );

  async function saved(experiment: string, id: number): Promise<CampaignRow> {
    const row = await campaignStore(deps.db).byId(experiment, id);
    if (!row) throw notFound(`campaign ${id} in ${experiment}`);
    return row;
  }

  return {
    /** The saved campaign as it is. */
    async forCampaign(user: UserContext, experiment: string, id: number): Promise<ChainReport> {
      await requireExperiment(deps.db, user, experiment);
      const row = await saved(experiment, id);
      return run(user, experiment, await campaignDocumentOf(deps.db, row), row);
    },
    /**
     * Unsaved .ini text (IniFormatError, 400 with line and section, when it cannot be read); with
     * `campaignId`, its stages continue the saved campaign's split cursors and outputs by name.
     */
    async forText(
      user: UserContext,
      experiment: string,
      text: string,
      campaignId: number | null,
    ): Promise<ChainReport> {
      await requireExperiment(deps.db, user, experiment);
      const { document } = parseEditorIni(text);
      const row = campaignId === null ? null : await saved(experiment, campaignId);
      return run(user, experiment, document, row);
    },
  };
}

type SavedCampaign = { campaign_id: number; creator_role: string };

export type ChainCheckService = ReturnType<typeof chainCheckService>;
