import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { jobTypeInput } from '../../../services/campaigns/job-type-service.js';
import { api } from '../../api-registry.js';
import { definitionRoutes } from '../shared-definitions/definition-routes.js';
import { jobTypeFromForm } from './job-types.schema.js';

// Job types: launch script, parameters (ordered pairs), output patterns, recovery ladder.
export function jobTypesRoutes(services: Services): Router {
  const r = Router();
  const svc = services.jobTypes;
  definitionRoutes(r, {
    svc,
    segment: 'job-types',
    noun: 'job type',
    nouns: 'job types',
    local: 'jobType',
    getSummary: 'A job type with its recovery ladder and what uses it',
    input: jobTypeInput,
    fromForm: jobTypeFromForm,
    idOf: (jt) => jt.job_type_id,
    editLocals: async () => ({ recoveryTypes: await svc.recoveryTypes() }),
    moreApi: (router) =>
      api(
        router,
        {
          method: 'get',
          path: '/api/v1/recovery-types',
          tag: 'job types',
          summary: 'Recovery types a ladder may use',
        },
        () => svc.recoveryTypes(),
      ),
  });
  return r;
}
