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
  return {
    read: compatReadModel(db),
    stageEdits: stageEdits(db),
    definitionEdits: definitionEdits(db, s.jobTypes, s.loginSetups),
    callbacks: wrapperCallbacks(db),
  };
}

export type CompatServices = ReturnType<typeof compatServices>;
