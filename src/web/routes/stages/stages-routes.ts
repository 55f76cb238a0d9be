import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { dependencyInput } from '../../../services/campaigns/dependency-service.js';
import { stageInput } from '../../../services/campaigns/stage-service.js';
import { flash } from '../../middleware/flash.js';
import { api } from '../../api-registry.js';
import { campaignParams } from '../campaigns/campaigns.schema.js';
import { pickers } from '../campaigns/campaigns-routes.js';
import { fieldText } from '../campaigns/field-text.js';
import { neighbourhoodGraph } from '../stage-page/neighbourhood-graph.js';
import { dependencyFromForm, dependencyParams, stageFromForm, stageParams } from './stages.schema.js';

const stageUrl = (exp: string, sid: number) => `/experiments/${encodeURIComponent(exp)}/stages/${sid}`;

// Stages (every field; empty = inherit the campaign default) and their dependencies.
export function stagesRoutes(services: Services): Router {
  const r = Router();
  const svc = services.stages;

  r.get('/experiments/:exp/campaigns/:id/stages/new', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const campaign = await services.campaigns.get(req.user!, exp, id);
    res.render('pages/stages/edit.njk', {
      exp,
      campaign,
      stage: null,
      formValues: {},
      formInherits: fieldText(campaign.inherits),
      ...(await pickers(services, req, exp)),
    });
  });
  r.post('/experiments/:exp/campaigns/:id/stages', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const s = await svc.create(req.user!, exp, id, stageInput.parse(stageFromForm(req.body)));
    flash(req, 'success', `Stage ${s.name} added`);
    res.redirect(303, stageUrl(exp, s.stage_id));
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/:id/stages',
      tag: 'stages',
      summary: 'Add a stage (fields by .ini name; absent = inherit the campaign default)',
      params: campaignParams,
      body: stageInput,
      status: 201,
    },
    ({ params, body, req }) => svc.create(req.user!, params.exp, params.id, body),
  );

  r.get('/experiments/:exp/stages/:sid', async (req, res) => {
    const { exp, sid } = stageParams.parse(req.params);
    // The stage page service adds operations (split state, holds, recent launches…) to svc.get.
    const page = await services.stagePages.get(req.user!, exp, sid);
    res.render('pages/stages/show.njk', { exp, ...page, neighbourhood: neighbourhoodGraph(page.stage, exp) });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/stages/:sid',
      tag: 'stages',
      summary: 'A stage: own, inherited and effective values, and its dependencies',
      params: stageParams,
    },
    ({ params, req }) => svc.get(req.user!, params.exp, params.sid),
  );

  r.get('/experiments/:exp/stages/:sid/edit', async (req, res) => {
    const { exp, sid } = stageParams.parse(req.params);
    const stage = await svc.get(req.user!, exp, sid);
    // The page names the campaign in its breadcrumb: the stage already carries its id and name.
    res.render('pages/stages/edit.njk', {
      exp,
      campaign: stage.campaign,
      stage,
      formValues: fieldText(stage.fields),
      formInherits: fieldText(stage.inherits),
      ...(await pickers(services, req, exp)),
    });
  });
  r.post('/experiments/:exp/stages/:sid', async (req, res) => {
    const { exp, sid } = stageParams.parse(req.params);
    const s = await svc.update(req.user!, exp, sid, stageInput.parse(stageFromForm(req.body)));
    flash(req, 'success', `Stage ${s.name} saved`);
    res.redirect(303, stageUrl(exp, sid));
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/stages/:sid',
      tag: 'stages',
      summary: 'Replace a stage’s name and own values (absent = inherit)',
      params: stageParams,
      body: stageInput,
    },
    ({ params, body, req }) => svc.update(req.user!, params.exp, params.sid, body),
  );

  r.post('/experiments/:exp/stages/:sid/delete', async (req, res) => {
    const { exp, sid } = stageParams.parse(req.params);
    const stage = await svc.get(req.user!, exp, sid);
    await svc.remove(req.user!, exp, sid);
    flash(req, 'success', `Stage ${stage.name} deleted`);
    const back = stage.campaign
      ? `/experiments/${encodeURIComponent(exp)}/campaigns/${stage.campaign.campaign_id}`
      : `/experiments/${encodeURIComponent(exp)}/campaigns`;
    res.redirect(303, back);
  });
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/stages/:sid',
      tag: 'stages',
      summary: 'Delete a stage and its dependencies (refused once it has submissions)',
      params: stageParams,
    },
    ({ params, req }) => svc.remove(req.user!, params.exp, params.sid),
  );

  const deps = services.dependencies;
  r.post('/experiments/:exp/stages/:sid/dependencies', async (req, res) => {
    const { exp, sid } = stageParams.parse(req.params);
    const d = await deps.add(req.user!, exp, sid, dependencyInput.parse(dependencyFromForm(req.body)));
    flash(req, 'success', `${d.downstream} now depends on ${d.upstream} (${d.file_pattern})`);
    res.redirect(303, req.get('referer') ?? stageUrl(exp, sid));
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/stages/:sid/dependencies',
      tag: 'stages',
      summary: 'Make this stage depend on another stage of its campaign (no cycles)',
      params: stageParams,
      body: dependencyInput,
      status: 201,
    },
    ({ params, body, req }) => deps.add(req.user!, params.exp, params.sid, body),
  );
  r.post('/experiments/:exp/dependencies/:did/delete', async (req, res) => {
    const { exp, did } = dependencyParams.parse(req.params);
    await deps.remove(req.user!, exp, did);
    flash(req, 'success', 'Dependency removed');
    res.redirect(303, req.get('referer') ?? `/experiments/${encodeURIComponent(exp)}/campaigns`);
  });
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/dependencies/:did',
      tag: 'stages',
      summary: 'Remove a dependency',
      params: dependencyParams,
    },
    ({ params, req }) => deps.remove(req.user!, params.exp, params.did),
  );

  return r;
}
