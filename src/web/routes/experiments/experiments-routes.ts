import { Router } from 'express';
import { can } from '../../../domain/permissions/permissions.js';
import type { Services } from '../../../services/services.js';
import { experimentInput, memberInput } from '../../../services/experiment-service.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { api } from '../../api-registry.js';
import { pageQuery, pageRequest } from '../../page-query.js';
import { downloadOf, sendListDownload } from '../../downloads/list-download.js';
import { activeBody, experimentParams, memberFilterQuery, memberParams } from './experiments.schema.js';

// Experiments and members: pages and their JSON twins, each built from the same service call.
export function experimentsRoutes(services: Services): Router {
  const r = Router();
  const svc = services.experiments;
  r.use(['/experiments', '/api/v1/experiments'], requireUser);

  r.get('/experiments', async (req, res) => {
    const download = downloadOf(req.query);
    if (download)
      return sendListDownload(res, download, {
        name: 'experiments',
        page: (page, pageSize) => svc.list(req.user!, { page, pageSize }),
      });
    res.render('pages/experiments/index.njk', { result: await svc.list(req.user!, pageRequest(req.query)) });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments',
      tag: 'experiments',
      summary: 'Experiments, with your role in each',
      query: pageQuery,
    },
    ({ query, req }) => svc.list(req.user!, { page: query.page, pageSize: query.page_size }),
  );

  r.post('/experiments', async (req, res) => {
    const input = experimentInput.parse(req.body);
    await svc.createExperiment(req.user!, input);
    flash(req, 'success', `Experiment ${input.experiment} created`);
    res.redirect(303, `/experiments/${encodeURIComponent(input.experiment)}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments',
      tag: 'experiments',
      summary: 'Create an experiment (root)',
      body: experimentInput,
      status: 201,
    },
    async ({ body, req }) => {
      await svc.createExperiment(req.user!, body);
      return svc.get(req.user!, body.experiment);
    },
  );

  const showData = async (req: Parameters<Parameters<typeof r.get>[1]>[0]) => {
    const { exp } = experimentParams.parse(req.params);
    const filter = memberFilterQuery.parse(req.query);
    const experiment = await svc.get(req.user!, exp);
    const members = await svc.members(req.user!, exp, filter, pageRequest(req.query));
    return { experiment, members, filter };
  };
  r.get('/experiments/:exp', async (req, res) => {
    const download = downloadOf(req.query);
    if (download) {
      const { exp } = experimentParams.parse(req.params);
      const filter = memberFilterQuery.parse(req.query);
      return sendListDownload(res, download, {
        name: `${exp}-members`,
        page: (page, pageSize) => svc.members(req.user!, exp, filter, { page, pageSize }),
      });
    }
    const data = await showData(req);
    const canManage = can(req.user!, 'manage', { experiment: data.experiment.experiment });
    res.render('pages/experiments/show.njk', {
      ...data,
      canManage,
      stallDefaultHours: services.notify.stalls.defaultHours,
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp',
      tag: 'experiments',
      summary: 'One experiment',
      params: experimentParams,
    },
    ({ params, req }) => svc.get(req.user!, params.exp),
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/members',
      tag: 'experiments',
      summary: 'Members and their roles',
      params: experimentParams,
      query: memberFilterQuery.extend(pageQuery.shape),
    },
    ({ params, query, req }) =>
      svc.members(req.user!, params.exp, query, { page: query.page, pageSize: query.page_size }),
  );

  r.post('/experiments/:exp/members', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const m = await svc.setMember(req.user!, exp, memberInput.parse(req.body));
    flash(req, 'success', `${m.username} is now ${m.role} in ${exp}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/members/:username',
      tag: 'experiments',
      summary: 'Add a member or change their role (superuser)',
      params: memberParams,
      body: memberInput.omit({ username: true }),
    },
    ({ params, body, req }) =>
      svc.setMember(req.user!, params.exp, memberInput.parse({ ...body, username: params.username })),
  );

  r.post('/experiments/:exp/members/:username/remove', async (req, res) => {
    const { exp, username } = memberParams.parse(req.params);
    await svc.removeMember(req.user!, exp, username);
    flash(req, 'success', `${username} removed from ${exp}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/members/:username',
      tag: 'experiments',
      summary: 'Remove a member (superuser)',
      params: memberParams,
      status: 204,
    },
    async ({ params, req }) => {
      await svc.removeMember(req.user!, params.exp, params.username);
    },
  );

  r.post('/experiments/:exp/active', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { active } = activeBody.parse(req.body);
    await svc.setActive(req.user!, exp, active);
    flash(req, 'success', `${exp} is now ${active ? 'active' : 'inactive'}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });

  return r;
}
