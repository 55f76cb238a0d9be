import type { Knex } from 'knex';
import { compatReadModel } from '../../db/read-models/compat-read-model.js';
import type { JobTypeService } from '../campaigns/job-type-service.js';
import type { LoginSetupService } from '../campaigns/login-setup-service.js';
import { definitionEdits } from './definition-edits.js';
import { stageEdits } from './stage-edits.js';
import { wrapperCallbacks } from './wrapper-callbacks.js';

/** The services the poms_client compatibility routes map their form fields onto. */
export function compatServices(
  db: Knex,
  s: {
    jobTypes: JobTypeService;
    loginSetups: LoginSetupService;
  },
) {
  const read = compatReadModel(db);
  // campaign_list_json answers every stage of the experiment (2 MB at 20,000 stages) and clients
  // poll it: the text is kept per experiment and built again only when a stage or campaign changed.
  const stageLists = new Map<string, { version: string; body: string }>();
  async function stageListJson(experiment: string): Promise<string> {
    const version = await read.stageListVersion(experiment);
    const kept = stageLists.get(experiment);
    if (kept?.version === version) return kept.body;
    const body = await read.stageListJson(experiment);
    if (stageLists.size >= 64) stageLists.clear();
    stageLists.set(experiment, { version, body });
    return body;
  }
  return {
    read,
    stageListJson,
    stageEdits: stageEdits(db),
    definitionEdits: definitionEdits(db, s.jobTypes, s.loginSetups),
    callbacks: wrapperCallbacks(db),
  };
}

export type CompatServices = ReturnType<typeof compatServices>;
