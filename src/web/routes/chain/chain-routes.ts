import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { campaignParams, checkTextBody, experimentParams } from './chain.schema.js';

const PAGE = '/experiments/:exp/campaigns/:id/check-chain';

// "Check chain" (issue 18): a campaign's page and JSON twin, and the editor's check of unsaved
// text. Every one reads SAM without writing to it.
export function chainRoutes(services: Services): Router {
  const r = Router();
  r.use([PAGE, `/api/v1${PAGE}`, '/api/v1/experiments/:exp/campaigns/check-chain'], requireUser);
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/check-chain',
      tag: 'campaigns',
      summary:
        'Check chain of unsaved .ini text (400 naming line and section when it cannot be read); creates nothing in SAM',
      params: experimentParams,
      body: checkTextBody,
    },
    ({ params, body, req }) =>
      services.chainCheck.forText(req.user!, params.exp, body.text, body.campaign_id ?? null),
  );
  api(
    r,
    {
      method: 'get',
      path: `/api/v1${PAGE}`,
      tag: 'campaigns',
      summary:
        "What each stage would deliver now and each dependency would select of its upstream's outputs, with the chain's warnings; creates nothing in SAM",
      params: campaignParams,
    },
    ({ params, req }) => services.chainCheck.forCampaign(req.user!, params.exp, params.id),
  );
  r.get(PAGE, async (req, res) => {
    const params = campaignParams.parse(req.params);
    const report = await services.chainCheck.forCampaign(req.user!, params.exp, params.id);
    res.render('pages/chain/show.njk', { exp: params.exp, report });
  });
  return r;
}
