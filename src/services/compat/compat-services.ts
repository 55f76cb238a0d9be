import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { compatReadModel } from '../../db/read-models/compat-read-model.js';
import type { JobTypeService } from '../campaigns/job-type-service.js';
import type { LoginSetupService } from '../campaigns/login-setup-service.js';
import { definitionEdits } from './definition-edits.js';
import { stageEdits } from './stage-edits.js';
import { wrapperCallbacks } from './wrapper-callbacks.js';

/** A whole list as JSON text, the version of the data it was built from, and its content hash. */
export interface KeptList {
  version: string;
  body: string;
  hash: string;
}

/** The services the poms_client compatibility routes map their form fields onto. */
export function compatServices(
  db: Knex,
  s: {
    jobTypes: JobTypeService;
    loginSetups: LoginSetupService;
  },
) {
  const read = compatReadModel(db);
  // campaign_list_json answers every stage of the experiment (2.3 MB at 20,000 stages) and clients
  // poll it: the text is kept per experiment under the list's version (stage_list_versions, which
  // triggers bump in the transaction of every change the list shows), so a poll reads one row, and
  // it is built again only after such a change. Its hash names it (an HTTP ETag) and the web layer
  // keeps its compressed forms beside it.
  const stageLists = new Map<string, KeptList>();
  async function stageList(experiment: string): Promise<KeptList> {
    const version = await read.stageListVersion(experiment);
    const kept = stageLists.get(experiment);
    if (kept?.version === version) return kept;
    const built = await read.stageListJson(experiment);
    const hash = createHash('sha256').update(built.body).digest('base64url').slice(0, 22);
    const fresh: KeptList = { ...built, hash };
    if (stageLists.size >= 64) stageLists.clear();
    stageLists.set(experiment, fresh);
    return fresh;
  }
  return {
    read,
    stageList,
    stageEdits: stageEdits(db),
    definitionEdits: definitionEdits(db, s.jobTypes, s.loginSetups),
    callbacks: wrapperCallbacks(db),
  };
}

export type CompatServices = ReturnType<typeof compatServices>;
