import { Router } from 'express';
import * as z from 'zod';
import { can } from '../../../domain/permissions/permissions.js';
import type { Services } from '../../../services/services.js';
import { objectName } from '../../../services/campaigns/field-schemas.js';
import { loginSetupInput } from '../../../services/campaigns/login-setup-service.js';
import { flash } from '../../middleware/flash.js';
import { api } from '../../api-registry.js';
import { pageQuery, pageRequest } from '../../page-query.js';
import { experimentParams } from '../campaigns/campaigns.schema.js';
import { cloneQuery, listQuery } from '../job-types/job-types.schema.js';
import { loginSetupFromForm, loginSetupParams } from './login-setups.schema.js';

const base = (exp: string) => `/experiments/${encodeURIComponent(exp)}/login-setups`;
const cloneBody = z.object({ name: objectName });

// Login setups: launch host, account and the shell setup run after login.
export function loginSetupsRoutes(services: Services): Router {
  const r = Router();
  const svc = services.loginSetups;

  r.get('/experiments/:exp/login-setups', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const filter = listQuery.parse(req.query);
    const result = await svc.list(req.user!, exp, filter, pageRequest(req.query));
    res.render('pages/login-setups/index.njk', {
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
      path: '/api/v1/experiments/:exp/login-setups',
      tag: 'login setups',
      summary: 'Login setups of an experiment',
      params: experimentParams,
      query: listQuery.extend(pageQuery.shape),
    },
    ({ params, query, req }) =>
      svc.list(req.user!, params.exp, query, { page: query.page, pageSize: query.page_size }),
  );

  r.get('/experiments/:exp/login-setups/new', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { from } = cloneQuery.parse(req.query);
    const source = from ? await svc.get(req.user!, exp, from) : null;
    res.render('pages/login-setups/edit.njk', { exp, loginSetup: null, source });
  });
  r.post('/experiments/:exp/login-setups', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const ls = await svc.create(req.user!, exp, loginSetupInput.parse(loginSetupFromForm(req.body)));
    flash(req, 'success', `Login setup ${ls.name} created`);
    res.redirect(303, `${base(exp)}/${ls.login_setup_id}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/login-setups',
      tag: 'login setups',
      summary: 'Create a login setup',
      params: experimentParams,
      body: loginSetupInput,
      status: 201,
    },
    ({ params, body, req }) => svc.create(req.user!, params.exp, body),
  );

  r.get('/experiments/:exp/login-setups/:id', async (req, res) => {
    const { exp, id } = loginSetupParams.parse(req.params);
    const loginSetup = await svc.get(req.user!, exp, id);
    res.render('pages/login-setups/edit.njk', { exp, loginSetup, source: loginSetup });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/login-setups/:id',
      tag: 'login setups',
      summary: 'A login setup and what uses it',
      params: loginSetupParams,
    },
    ({ params, req }) => svc.get(req.user!, params.exp, params.id),
  );

  r.post('/experiments/:exp/login-setups/:id', async (req, res) => {
    const { exp, id } = loginSetupParams.parse(req.params);
    const ls = await svc.update(req.user!, exp, id, loginSetupInput.parse(loginSetupFromForm(req.body)));
    flash(req, 'success', `Login setup ${ls.name} saved`);
    res.redirect(303, `${base(exp)}/${id}`);
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/login-setups/:id',
      tag: 'login setups',
      summary: 'Replace a login setup (renaming also renames it in campaign defaults)',
      params: loginSetupParams,
      body: loginSetupInput,
    },
    ({ params, body, req }) => svc.update(req.user!, params.exp, params.id, body),
  );

  r.post('/experiments/:exp/login-setups/:id/delete', async (req, res) => {
    const { exp, id } = loginSetupParams.parse(req.params);
    await svc.remove(req.user!, exp, id);
    flash(req, 'success', 'Login setup deleted');
    res.redirect(303, base(exp));
  });
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/login-setups/:id',
      tag: 'login setups',
      summary: 'Delete a login setup nothing uses',
      params: loginSetupParams,
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
      path: '/api/v1/experiments/:exp/login-setups/:id/clone',
      tag: 'login setups',
      summary: 'Copy a login setup under a new name',
      params: loginSetupParams,
      body: cloneBody,
      status: 201,
    },
    ({ params, body, req }) => svc.clone(req.user!, params.exp, params.id, body.name),
  );

  return r;
}
