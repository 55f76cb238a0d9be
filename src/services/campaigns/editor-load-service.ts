import type { Knex } from 'knex';
import { campaignStore } from '../../db/stores/campaign-store.js';
import type { CampaignDocument, Problem } from '../../domain/ini/index.js';
import { can } from '../../domain/permissions/permissions.js';
import { creatorRoleFor } from '../../domain/permissions/roles.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { campaignDocumentOf, jobTypesNamed, loginSetupsNamed } from './campaign-document-of.js';
import { editorCatalog, type EditorCatalog } from './editor-catalog.js';
import { iniVersion, renderEditorIni } from './editor-ini.js';
import { requireExperiment, targetOf } from './ownership.js';

/** What the campaign editor page starts from (its JSON twin answers exactly this). */
export interface EditorData {
  experiment: string;
  /** null for a campaign not saved yet. */
  campaign_id: number | null;
  can_modify: boolean;
  document: CampaignDocument;
  /** The export of `document`, byte for byte what GET …/ini answers. */
  ini: string;
  /** Fingerprint of `ini`; a save that sends it is refused if the campaign changed meanwhile. */
  version: string | null;
  problems: Problem[];
  warnings: Problem[];
  catalog: EditorCatalog;
}

/** An empty campaign as the experiment's export would write it once saved by this user. */
function newDocument(user: UserContext, experiment: string): CampaignDocument {
  return {
    campaign: {
      name: '',
      experiment,
      pomsRole: creatorRoleFor(user.role),
      state: 'Active',
      keywords: {},
      stageListHint: [],
    },
    defaults: {},
    nodePositions: [],
    stages: [],
    loginSetups: [],
    jobTypes: [],
    dependencies: [],
  };
}

// Loading the campaign editor: the campaign as a document and as its .ini export, the pickers'
// choices, and definitions of job types / login setups the user switches a stage to.
export function editorLoadService(db: Knex) {
  async function data(user: UserContext, experiment: string, id: number | null): Promise<EditorData> {
    await requireExperiment(db, user, experiment);
    let document: CampaignDocument;
    let canModify: boolean;
    if (id === null) {
      authorize(user, 'create', { experiment });
      document = newDocument(user, experiment);
      canModify = true;
    } else {
      const row = await campaignStore(db).byId(experiment, id);
      if (!row) throw notFound(`campaign ${id} in ${experiment}`);
      document = await campaignDocumentOf(db, row);
      canModify = can(user, 'modify', targetOf(row));
    }
    const rendered = renderEditorIni(document);
    return {
      experiment,
      campaign_id: id,
      can_modify: canModify,
      document,
      ini: rendered.text,
      version: id === null ? null : iniVersion(rendered.text),
      problems: rendered.problems,
      warnings: rendered.warnings,
      catalog: await editorCatalog(db, experiment),
    };
  }

  return {
    forCampaign: (user: UserContext, experiment: string, id: number) => data(user, experiment, id),
    forNew: (user: UserContext, experiment: string) => data(user, experiment, null),
    /** The experiment's job types and login setups of these names, as .ini sections would hold them. */
    async definitions(
      user: UserContext,
      experiment: string,
      names: { jobTypes: string[]; loginSetups: string[] },
    ) {
      await requireExperiment(db, user, experiment);
      return {
        jobTypes: names.jobTypes.length ? await jobTypesNamed(db, experiment, names.jobTypes) : [],
        loginSetups: names.loginSetups.length
          ? await loginSetupsNamed(db, experiment, names.loginSetups)
          : [],
      };
    },
  };
}

export type EditorLoadService = ReturnType<typeof editorLoadService>;
