import { Router } from 'express';
import { can } from '../../../domain/permissions/permissions.js';
import type { Services } from '../../../services/services.js';
import { experimentInput, memberInput } from '../../../services/experiment-service.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { pageRequest } from '../../page-query.js';
import {
  activeBody,
  experimentParams,
  memberFilterQuery,
  memberParams,
  memberRoleBody,
} from './experiments.schema.js';

// Experiments and members: pages and their JSON twins, each built from the same service call.
export function experimentsRoutes(services: Services): Router {
  const r = Router();
  const svc = services.experiments;
  r.use(['/experiments', '/api/v1/experiments'], requireUser);

  r.get('/experiments', async (req, res) => {
    res.render('pages/experiments/index.njk', { result: await svc.list(req.user!, pageRequest(req.query)) });
  });
  r.get('/api/v1/experiments', async (req, res) => {
    res.json(await svc.list(req.user!, pageRequest(req.query)));
  });

  r.post('/experiments', async (req, res) => {
    const input = experimentInput.parse(req.body);
    await svc.createExperiment(req.user!, input);
    flash(req, 'success', `Experiment ${input.experiment} created`);
    res.redirect(303, `/experiments/${encodeURIComponent(input.experiment)}`);
  });
  r.post('/api/v1/experiments', async (req, res) => {
    const input = experimentInput.parse(req.body);
    await svc.createExperiment(req.user!, input);
    res.status(201).json(await svc.get(req.user!, input.experiment));
  });

  const showData = async (req: Parameters<Parameters<typeof r.get>[1]>[0]) => {
    const { exp } = experimentParams.parse(req.params);
    const filter = memberFilterQuery.parse(req.query);
    const experiment = await svc.get(req.user!, exp);
    const members = await svc.members(req.user!, exp, filter, pageRequest(req.query));
    return { experiment, members, filter };
  };
  r.get('/experiments/:exp', async (req, res) => {
    const data = await showData(req);
    const canManage = can(req.user!, 'manage', { experiment: data.experiment.experiment });
    res.render('pages/experiments/show.njk', { ...data, canManage });
  });
  r.get('/api/v1/experiments/:exp', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    res.json(await svc.get(req.user!, exp));
  });
  r.get('/api/v1/experiments/:exp/members', async (req, res) => {
    res.json((await showData(req)).members);
  });

  r.post('/experiments/:exp/members', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const m = await svc.setMember(req.user!, exp, memberInput.parse(req.body));
    flash(req, 'success', `${m.username} is now ${m.role} in ${exp}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });
  r.put('/api/v1/experiments/:exp/members/:username', async (req, res) => {
    const { exp, username } = memberParams.parse(req.params);
    const { role } = memberRoleBody.parse(req.body);
    res.json(await svc.setMember(req.user!, exp, memberInput.parse({ ...req.body, username, role })));
  });

  r.post('/experiments/:exp/members/:username/remove', async (req, res) => {
    const { exp, username } = memberParams.parse(req.params);
    await svc.removeMember(req.user!, exp, username);
    flash(req, 'success', `${username} removed from ${exp}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });
  r.delete('/api/v1/experiments/:exp/members/:username', async (req, res) => {
    const { exp, username } = memberParams.parse(req.params);
    await svc.removeMember(req.user!, exp, username);
    res.status(204).end();
  });

  r.post('/experiments/:exp/active', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { active } = activeBody.parse(req.body);
    await svc.setActive(req.user!, exp, active);
    flash(req, 'success', `${exp} is now ${active ? 'active' : 'inactive'}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });

  return r;
}
