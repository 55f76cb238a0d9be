import { Router } from 'express';
import * as z from 'zod';
import { can } from '../../../domain/permissions/permissions.js';
import type { Services } from '../../../services/services.js';
import { objectName } from '../../../services/campaigns/field-schemas.js';
import { jobTypeInput } from '../../../services/campaigns/job-type-service.js';
import { flash } from '../../middleware/flash.js';
import { api } from '../../api-registry.js';
import { pageQuery, pageRequest } from '../../page-query.js';
import { experimentParams } from '../campaigns/campaigns.schema.js';
import { cloneQuery, jobTypeFromForm, jobTypeParams, listQuery } from './job-types.schema.js';

const base = (exp: string) => `/experiments/${encodeURIComponent(exp)}/job-types`;
const cloneBody = z.object({ name: objectName });

// Job types: launch script, parameters (ordered pairs), output patterns, recovery ladder.
export function jobTypesRoutes(services: Services): Router {
  const r = Router();
  const svc = services.jobTypes;

  r.get('/experiments/:exp/job-types', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const filter = listQuery.parse(req.query);
    const result = await svc.list(req.user!, exp, filter, pageRequest(req.query));
    res.render('pages/job-types/index.njk', {
      exp,
      filter,
      result,
      canCreate: can(req.user!, 'create', { experiment: exp }),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/job-types',
      tag: 'job types',
      summary: 'Job types of an experiment',
      params: experimentParams,
      query: listQuery.extend(pageQuery.shape),
    },
    ({ params, query, req }) =>
      svc.list(req.user!, params.exp, query, { page: query.page, pageSize: query.page_size }),
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/recovery-types',
      tag: 'job types',
      summary: 'Recovery types a ladder may use',
    },
    () => svc.recoveryTypes(),
  );

  r.get('/experiments/:exp/job-types/new', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { from } = cloneQuery.parse(req.query);
    const source = from ? await svc.get(req.user!, exp, from) : null;
    res.render('pages/job-types/edit.njk', {
      exp,
      jobType: null,
      source,
      recoveryTypes: await svc.recoveryTypes(),
    });
  });
  r.post('/experiments/:exp/job-types', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const jt = await svc.create(req.user!, exp, jobTypeInput.parse(jobTypeFromForm(req.body)));
    flash(req, 'success', `Job type ${jt.name} created`);
    res.redirect(303, `${base(exp)}/${jt.job_type_id}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/job-types',
      tag: 'job types',
      summary: 'Create a job type',
      params: experimentParams,
      body: jobTypeInput,
      status: 201,
    },
    ({ params, body, req }) => svc.create(req.user!, params.exp, body),
  );

  r.get('/experiments/:exp/job-types/:id', async (req, res) => {
    const { exp, id } = jobTypeParams.parse(req.params);
    const jobType = await svc.get(req.user!, exp, id);
    res.render('pages/job-types/edit.njk', {
      exp,
      jobType,
      source: jobType,
      recoveryTypes: await svc.recoveryTypes(),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/job-types/:id',
      tag: 'job types',
      summary: 'A job type with its recovery ladder and what uses it',
      params: jobTypeParams,
    },
    ({ params, req }) => svc.get(req.user!, params.exp, params.id),
  );

  r.post('/experiments/:exp/job-types/:id', async (req, res) => {
    const { exp, id } = jobTypeParams.parse(req.params);
    const jt = await svc.update(req.user!, exp, id, jobTypeInput.parse(jobTypeFromForm(req.body)));
    flash(req, 'success', `Job type ${jt.name} saved`);
    res.redirect(303, `${base(exp)}/${id}`);
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/job-types/:id',
      tag: 'job types',
      summary: 'Replace a job type (renaming also renames it in campaign defaults)',
      params: jobTypeParams,
      body: jobTypeInput,
    },
    ({ params, body, req }) => svc.update(req.user!, params.exp, params.id, body),
  );

  r.post('/experiments/:exp/job-types/:id/delete', async (req, res) => {
    const { exp, id } = jobTypeParams.parse(req.params);
    await svc.remove(req.user!, exp, id);
    flash(req, 'success', 'Job type deleted');
    res.redirect(303, base(exp));
  });
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/job-types/:id',
      tag: 'job types',
      summary: 'Delete a job type nothing uses',
      params: jobTypeParams,
      status: 204,
    },
    async ({ params, req }) => {
      await svc.remove(req.user!, params.exp, params.id);
    },
  );
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/job-types/:id/clone',
      tag: 'job types',
      summary: 'Copy a job type under a new name',
      params: jobTypeParams,
      body: cloneBody,
      status: 201,
    },
    ({ params, body, req }) => svc.clone(req.user!, params.exp, params.id, body.name),
  );

  return r;
}
