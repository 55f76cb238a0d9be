import type { Knex } from 'knex';
import { campaignStore, type CampaignRow } from '../../db/stores/campaign-store.js';
import { parseCampaignIni, writeCampaignIni, type CampaignDocument } from '../../domain/ini/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { campaignDocumentOf } from './campaign-document-of.js';
import { campaignImportService } from './campaign-import-service.js';
import { iniVersion } from './editor-ini.js';
import { renameStages, type StageRename } from './editor-stage-renames.js';
import type { ImportReport } from './import-report.js';
import { iniLocator, type Locate } from './ini-locator.js';
import { auditChange, requireExperiment, targetOf } from './ownership.js';

export interface EditorSaveInput {
  document: CampaignDocument;
  /** Stages renamed since the editor loaded (their database names → the document's). */
  renames: StageRename[];
  /** The `version` the editor loaded; absent = do not check for changes made meanwhile. */
  version?: string | null;
}

export interface EditorSaveResult {
  report: ImportReport;
  campaign_id: number;
  renamed: StageRename[];
  /** The campaign as saved: what the editor shows next, and its export (equal to GET …/ini). */
  document: CampaignDocument;
  ini: string;
  version: string;
  dry_run: boolean;
}

/** Thrown at the end of a dry run so that the transaction rolls back; carries the result. */
class DryRun extends Error {
  constructor(readonly result: EditorSaveResult) {
    super('dry run');
  }
}

const exportOf = async (trx: Knex.Transaction, row: CampaignRow) => {
  const document = await campaignDocumentOf(trx, row);
  return { document, ini: writeCampaignIni(document) };
};

/** The existing campaign, locked, checked against the editor's version, renamed if the document says so. */
async function prepareExisting(
  trx: Knex.Transaction,
  user: UserContext,
  experiment: string,
  id: number,
  input: EditorSaveInput,
  name: string,
  locate: Locate,
): Promise<void> {
  const campaigns = campaignStore(trx);
  const row = await campaigns.byId(experiment, id);
  if (!row) throw notFound(`campaign ${id} in ${experiment}`);
  authorize(user, 'modify', targetOf(row));
  await campaigns.lock(id);
  if (input.version && iniVersion((await exportOf(trx, row)).ini) !== input.version)
    throw conflict(
      `campaign ${row.name} (or a job type or login setup it uses) was changed since the editor loaded it; nothing was saved. Reload the editor to see the changes (copy your text first)`,
    );
  if (name === row.name) return;
  if (await campaigns.byName(experiment, name))
    throw conflict(`a campaign named ${name} already exists in ${experiment}`, [
      { line: locate('campaign', 'name'), section: 'campaign', key: 'name', message: 'already exists' },
    ]);
  await campaigns.update(id, { name }, user.experimenterId);
  await auditChange(
    trx,
    user,
    experiment,
    'campaign.rename',
    { kind: 'campaign', id },
    {
      name,
      renamed_from: row.name,
      via: 'editor',
    },
  );
}

// Saving the campaign editor: the document is written as .ini text and read back by the codec
// (every check of a file import, with lines in the text the editor shows), then applied by the
// .ini import in one transaction together with the editor's renames: all or nothing.
export function editorSaveService(db: Knex) {
  async function run(
    user: UserContext,
    experiment: string,
    campaignId: number | null,
    input: EditorSaveInput,
    dryRun: boolean,
  ): Promise<EditorSaveResult> {
    await requireExperiment(db, user, experiment);
    const text = writeCampaignIni(input.document);
    const { doc, warnings } = parseCampaignIni(text);
    const locate = iniLocator(text);
    try {
      return await db.transaction(async (trx) => {
        let renamed: StageRename[] = [];
        if (campaignId !== null) {
          await prepareExisting(trx, user, experiment, campaignId, input, doc.campaign.name, locate);
          renamed = await renameStages(trx, user, campaignId, input.renames);
          if (renamed.length > 0)
            await auditChange(
              trx,
              user,
              experiment,
              'campaign.rename_stages',
              { kind: 'campaign', id: campaignId },
              { renamed: renamed.map((r) => `${r.from} → ${r.to}`), via: 'editor' },
            );
        }
        // The import's own transaction becomes a savepoint of this one.
        const report = await campaignImportService(trx).importDocument(user, experiment, doc, {
          warnings,
          locate,
          via: 'editor',
          mustBeNew: campaignId === null,
        });
        const row = await campaignStore(trx).byId(experiment, report.campaign_id);
        const saved = await exportOf(trx, row!);
        const result: EditorSaveResult = {
          report,
          campaign_id: report.campaign_id,
          renamed,
          ...saved,
          version: iniVersion(saved.ini),
          dry_run: dryRun,
        };
        if (dryRun) throw new DryRun(result);
        return result;
      });
    } catch (e) {
      if (e instanceof DryRun) return e.result;
      if ((e as { code?: string })?.code === '23505')
        throw conflict(
          'another change took a name this save needed at the same time; nothing was saved, try again',
        );
      throw e;
    }
  }

  return {
    /** Saves into campaign `id` (renaming it if the document's name differs). */
    saveExisting: (user: UserContext, experiment: string, id: number, input: EditorSaveInput) =>
      run(user, experiment, id, input, false),
    /** Creates a new campaign (also "save as new" from an existing one); refused if the name exists. */
    saveNew: (user: UserContext, experiment: string, input: EditorSaveInput) =>
      run(user, experiment, null, input, false),
    /** Everything a save checks (references, permissions, names), then rolled back: writes nothing. */
    check: (user: UserContext, experiment: string, id: number | null, input: EditorSaveInput) =>
      run(user, experiment, id, input, true),
  };
}

export type EditorSaveService = ReturnType<typeof editorSaveService>;
