import type { Knex } from 'knex';
import * as z from 'zod';
import { campaignStore } from '../../db/stores/campaign-store.js';
import { writeCampaignIni } from '../../domain/ini/index.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { campaignDocumentOf } from './campaign-document-of.js';
import type { CampaignImportService } from './campaign-import-service.js';
import { renameForClone } from './clone-names.js';
import { freeText, objectName } from './field-schemas.js';
import { requireExperiment } from './ownership.js';

export const cloneInput = z.strictObject({
  name: objectName,
  /** Text replaced in every stage name (default: the source campaign's name). */
  from: freeText.optional(),
  /** Its replacement (default: the new name). Stages without `from` get the prefix clone_of_. */
  to: freeText.optional(),
});
export type CloneInput = z.infer<typeof cloneInput>;

/** A download name made of the campaign name: letters, digits, . _ - only. */
const fileName = (name: string) =>
  `${name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'campaign'}.ini`;

// Export as .ini (everything needed to rebuild the campaign) and clone (export, rename, import).
export function campaignExportService(db: Knex, imports: CampaignImportService) {
  async function load(user: UserContext, experiment: string, id: number) {
    await requireExperiment(db, user, experiment);
    const row = await campaignStore(db).byId(experiment, id);
    if (!row) throw notFound(`campaign ${id} in ${experiment}`);
    return row;
  }

  return {
    async exportIni(user: UserContext, experiment: string, id: number) {
      const row = await load(user, experiment, id);
      return { filename: fileName(row.name), text: writeCampaignIni(await campaignDocumentOf(db, row)) };
    },
    /**
     * A new campaign owned by the caller with the source's settings, stages (split cursors
     * restarted) and dependencies, every stage renamed; job types and login setups are shared.
     */
    async clone(user: UserContext, experiment: string, id: number, input: CloneInput) {
      const row = await load(user, experiment, id);
      authorize(user, 'create', { experiment });
      const doc = await campaignDocumentOf(db, row, { withDefinitions: false });
      const renamed = renameForClone(doc, input.name, input.from ?? row.name, input.to ?? input.name);
      const { experiment: _e, pomsRole: _r, state: _s, ...campaign } = renamed.campaign;
      return imports.importDocument(
        user,
        experiment,
        { ...renamed, campaign },
        { mustBeNew: true, via: 'clone', campaignType: row.campaign_type === 'test' ? 'test' : null },
      );
    },
  };
}

export type CampaignExportService = ReturnType<typeof campaignExportService>;
