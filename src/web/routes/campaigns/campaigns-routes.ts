import { Router, type Request } from 'express';
import { resolveStage } from '../../../domain/ini/index.js';
import { can } from '../../../domain/permissions/permissions.js';
import { splitTypes } from '../../../domain/splits/index.js';
import { fieldsByKey } from '../../../services/campaigns/stage-fields-input.js';
import type { Services } from '../../../services/services.js';
import { campaignInput } from '../../../services/campaigns/campaign-service.js';
import { tagInput } from '../../../services/campaigns/campaign-tag-service.js';
import { flash } from '../../middleware/flash.js';
import { api } from '../../api-registry.js';
import { pageQuery, pageRequest } from '../../page-query.js';
import { downloadOf, sendListDownload } from '../../downloads/list-download.js';
import { fieldText } from './field-text.js';
import {
  activeBody,
  campaignFilterQuery,
  campaignFromForm,
  campaignParams,
  campaignTagParams,
  experimentParams,
} from './campaigns.schema.js';

const base = (exp: string) => `/experiments/${encodeURIComponent(exp)}/campaigns`;

// Campaigns: list (filters, tags in place), settings form, active flag, delete. Pages and JSON twins.
export function campaignsRoutes(services: Services): Router {
  const r = Router();
  const svc = services.campaigns;

  const listData = async (req: Request) => {
    const { exp } = experimentParams.parse(req.params);
    const filter = campaignFilterQuery.parse(req.query);
    const result = await svc.list(req.user!, exp, filter, pageRequest(req.query));
    return { exp, filter, result };
  };
  r.get('/experiments/:exp/campaigns', async (req, res) => {
    const download = downloadOf(req.query);
    if (download) {
      const { exp } = experimentParams.parse(req.params);
      const filter = campaignFilterQuery.parse(req.query);
      return sendListDownload(res, download, {
        name: `${exp}-campaigns`,
        omit: ['can_modify', 'can_operate'],
        page: (page, pageSize) => svc.list(req.user!, exp, filter, { page, pageSize }),
      });
    }
    const data = await listData(req);
    res.render('pages/campaigns/index.njk', {
      ...data,
      tagNames: await svc.tagNames(req.user!, data.exp),
      canCreate: can(req.user!, 'create', { experiment: data.exp }),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns',
      tag: 'campaigns',
      summary: 'Campaigns, filtered, with running-submission counts and tags',
      params: experimentParams,
      query: campaignFilterQuery.extend(pageQuery.shape),
    },
    ({ params, query, req }) =>
      svc.list(req.user!, params.exp, query, { page: query.page, pageSize: query.page_size }),
  );

  r.post('/experiments/:exp/campaigns', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const c = await svc.create(req.user!, exp, campaignInput.parse(campaignFromForm(req.body)));
    flash(req, 'success', `Campaign ${c.name} created; add its stages`);
    res.redirect(303, `${base(exp)}/${c.campaign_id}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns',
      tag: 'campaigns',
      summary: 'Create a campaign (no stages yet)',
      params: experimentParams,
      body: campaignInput,
      status: 201,
    },
    ({ params, body, req }) => svc.create(req.user!, params.exp, body),
  );

  r.get('/experiments/:exp/campaigns/new', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    res.render('pages/campaigns/edit.njk', {
      exp,
      campaign: null,
      keywordPairs: [],
      formValues: {},
      formInherits: fieldText(builtIns),
      ...(await pickers(services, req, exp)),
    });
  });

  r.get('/experiments/:exp/campaigns/:id', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    res.render('pages/campaigns/show.njk', { exp, campaign: await svc.get(req.user!, exp, id) });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id',
      tag: 'campaigns',
      summary: 'A campaign with its defaults, stages (own and effective values) and dependencies',
      params: campaignParams,
    },
    ({ params, req }) => svc.get(req.user!, params.exp, params.id),
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id/stages',
      tag: 'campaigns',
      summary: 'The stages of a campaign',
      params: campaignParams,
    },
    async ({ params, req }) => (await svc.get(req.user!, params.exp, params.id)).stages,
  );

  r.get('/experiments/:exp/campaigns/:id/edit', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const campaign = await svc.get(req.user!, exp, id);
    res.render('pages/campaigns/edit.njk', {
      exp,
      campaign,
      keywordPairs: Object.entries(campaign.keywords),
      formValues: fieldText(campaign.defaults),
      formInherits: fieldText(builtIns),
      ...(await pickers(services, req, exp)),
    });
  });
  r.post('/experiments/:exp/campaigns/:id', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const c = await svc.update(req.user!, exp, id, campaignInput.parse(campaignFromForm(req.body)));
    flash(req, 'success', `Campaign ${c.name} saved`);
    res.redirect(303, `${base(exp)}/${id}`);
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/campaigns/:id',
      tag: 'campaigns',
      summary: 'Replace a campaign’s name, active flag, keywords and defaults',
      params: campaignParams,
      body: campaignInput,
    },
    ({ params, body, req }) => svc.update(req.user!, params.exp, params.id, body),
  );

  r.post('/experiments/:exp/campaigns/:id/active', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const { active } = activeBody.parse(req.body);
    await svc.setActive(req.user!, exp, id, active);
    flash(req, 'success', `Campaign marked ${active ? 'active' : 'inactive'}`);
    res.redirect(303, req.get('referer') ?? `${base(exp)}/${id}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/:id/active',
      tag: 'campaigns',
      summary: 'Mark a campaign active or inactive',
      params: campaignParams,
      body: activeBody,
    },
    ({ params, body, req }) => svc.setActive(req.user!, params.exp, params.id, body.active),
  );

  r.post('/experiments/:exp/campaigns/:id/delete', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const done = await svc.remove(req.user!, exp, id);
    flash(req, 'success', `Campaign ${done.name} deleted with its ${done.stages} stages`);
    res.redirect(303, base(exp));
  });
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/campaigns/:id',
      tag: 'campaigns',
      summary: 'Delete a campaign with its stages and dependencies (refused once it has submissions)',
      params: campaignParams,
    },
    ({ params, req }) => svc.remove(req.user!, params.exp, params.id),
  );

  // Tags: the list page's script posts here (JSON answer); without JavaScript the forms redirect back.
  const tags = services.campaignTags;
  r.post('/experiments/:exp/campaigns/:id/tags', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const out = await tags.add(req.user!, exp, id, tagInput.parse({ tag: req.body.tag }).tag);
    if (req.accepts(['html', 'json']) === 'json') return void res.json(out);
    res.redirect(303, req.get('referer') ?? base(exp));
  });
  r.post('/experiments/:exp/campaigns/:id/tags/:tag/remove', async (req, res) => {
    const { exp, id, tag } = campaignTagParams.parse(req.params);
    const out = await tags.remove(req.user!, exp, id, tag);
    if (req.accepts(['html', 'json']) === 'json') return void res.json(out);
    res.redirect(303, req.get('referer') ?? base(exp));
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/:id/tags',
      tag: 'campaigns',
      summary: 'Tag a campaign (the tag is created on first use)',
      params: campaignParams,
      body: tagInput,
    },
    ({ params, body, req }) => tags.add(req.user!, params.exp, params.id, body.tag),
  );
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/experiments/:exp/campaigns/:id/tags/:tag',
      tag: 'campaigns',
      summary: 'Remove a tag from a campaign (an unused tag is deleted)',
      params: campaignTagParams,
    },
    ({ params, req }) => tags.remove(req.user!, params.exp, params.id, params.tag),
  );

  return r;
}

const splitChoices = splitTypes.map(({ syntax, example, description }) => ({ syntax, example, description }));
/** What a campaign default left empty means: the built-in defaults (placeholders of the defaults form). */
const { name: _n, ...builtInFields } = resolveStage({ name: '' }, {});
const builtIns = fieldsByKey(builtInFields);

/** What the defaults' and stages' pickers offer. */
export async function pickers(services: Services, req: Request, exp: string) {
  const [jobTypes, loginSetups] = await Promise.all([
    services.jobTypes.names(req.user!, exp),
    services.loginSetups.names(req.user!, exp),
  ]);
  return { jobTypes, loginSetups, splitTypes: splitChoices };
}
