import { Router, type Request } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { downloadOf, sendListDownload } from '../../downloads/list-download.js';
import { flash } from '../../middleware/flash.js';
import { campaignParams, experimentParams, overviewQuery, watchBody } from './overview.schema.js';
import { sortLinks } from './sort-links.js';

type Query = ReturnType<typeof overviewQuery.parse>;
const split = (q: Query) => ({
  opts: { state: q.state, sort: q.sort, dir: q.dir, days: q.days, hours: q.hours, whose: q.whose },
  req: { page: q.page, pageSize: q.page_size },
});

// The superuser overview (one experiment, or all for root) and each user's watched campaigns, with
// the watch toggle. Pages and JSON twins share the service calls.
export function overviewRoutes(services: Services): Router {
  const r = Router();
  const svc = services.overview;
  const parse = (req: Request) => split(overviewQuery.parse(req.query));

  r.get('/experiments/:exp/overview', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { opts, req: page } = parse(req);
    const download = downloadOf(req.query);
    if (download)
      return sendListDownload(res, download, {
        name: `${exp}-overview`,
        omit: ['watched'],
        page: (p, pageSize) => svc.experiment(req.user!, exp, opts, { page: p, pageSize }),
      });
    const result = await svc.experiment(req.user!, exp, opts, page);
    const base = `/experiments/${encodeURIComponent(exp)}/overview`;
    res.render('pages/overview/index.njk', {
      exp,
      result,
      opts,
      base,
      links: sortLinks(base, req.query, opts),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/overview',
      tag: 'overview',
      summary:
        'Every campaign of the experiment with active submissions, files progress and problems (paginated, sortable)',
      params: experimentParams,
      query: overviewQuery,
    },
    ({ params, query, req }) => {
      const { opts, req: page } = split(query);
      return svc.experiment(req.user!, params.exp, opts, page);
    },
  );

  r.get('/overview', async (req, res) => {
    const { opts, req: page } = parse(req);
    const result = await svc.all(req.user!, opts, page);
    res.render('pages/overview/index.njk', {
      exp: null,
      result,
      opts,
      base: '/overview',
      links: sortLinks('/overview', req.query, opts),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/overview',
      tag: 'overview',
      summary: 'Every campaign of every experiment (root)',
      query: overviewQuery,
    },
    ({ query, req }) => {
      const { opts, req: page } = split(query);
      return svc.all(req.user!, opts, page);
    },
  );

  r.get('/watching', async (req, res) => {
    const { opts, req: page } = parse(req);
    const result = await svc.watching(req.user!, opts, page);
    res.render('pages/overview/watching.njk', {
      result,
      opts,
      base: '/watching',
      links: sortLinks('/watching', req.query, opts),
    });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/watching',
      tag: 'overview',
      summary: 'The campaigns you watch, with their progress',
      query: overviewQuery,
    },
    ({ query, req }) => {
      const { opts, req: page } = split(query);
      return svc.watching(req.user!, opts, page);
    },
  );

  r.post('/experiments/:exp/campaigns/:id/watch', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const out = await svc.setWatch(req.user!, exp, id, watchBody.parse(req.body).watched);
    flash(req, 'success', out.watched ? `You now watch ${out.name}` : `You no longer watch ${out.name}`);
    res.redirect(303, req.get('referer') ?? '/watching');
  });
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/campaigns/:id/watch',
      tag: 'overview',
      summary: 'Watch (watched=true) or stop watching a campaign',
      params: campaignParams,
      body: watchBody,
    },
    ({ params, body, req }) => svc.setWatch(req.user!, params.exp, params.id, body.watched),
  );
  return r;
}
