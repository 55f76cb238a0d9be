import { Router, type Request } from 'express';
import { KEYSET_SORTS } from '../../../db/read-models/submission-list-read-model.js';
import { decodeCursor } from '../../../domain/pagination/keyset-cursor.js';
import { invalid } from '../../../lib/errors.js';
import type { Services } from '../../../services/services.js';
import { timeWindow } from '../../../services/reports/time-window.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { downloadOf, sendListDownload } from '../../downloads/list-download.js';
import { SUBMISSION_COLUMNS } from '../../downloads/submission-columns.js';
import { submissionLinks } from '../../view-models/site-links.js';
import { DEFAULT_PAGE_SIZE } from '../../page-query.js';
import { listQuery, refreshQuery, scopeParams, submissionParams } from './submission-pages.schema.js';

const expBase = (exp: string) => `/experiments/${encodeURIComponent(exp)}`;

/** A keyset cursor from the address; one that is not ours is a 400 naming its field. */
function cursorOf(field: 'after' | 'before', text: string | undefined) {
  if (!text) return null;
  const c = decodeCursor(text, KEYSET_SORTS);
  if (!c)
    throw invalid(`${field} is not a cursor of this list`, [{ field, message: 'not a cursor of this list' }]);
  return c;
}

/** Window, sorting and page of a list request; a bad date or cursor is a 400 naming the field. */
function listInput(query: unknown) {
  const q = listQuery.parse(query ?? {});
  return {
    window: timeWindow(q, new Date()),
    sort: { by: q.sort, dir: q.dir },
    page: {
      page: q.page,
      pageSize: q.page_size,
      after: cursorOf('after', q.after),
      before: cursorOf('before', q.before),
    },
  };
}

/** Query values carried by the page's links (window, sorting, and a page size other than the default). */
const linkQuery = (l: ReturnType<typeof listInput>) => ({
  ...l.window.query,
  sort: l.sort.by,
  dir: l.sort.dir,
  page_size: l.page.pageSize === DEFAULT_PAGE_SIZE ? undefined : l.page.pageSize,
});

// Submissions lists per stage and per campaign, and the submission page; each with its JSON twin
// built from the same service call.
export function submissionPagesRoutes(services: Services): Router {
  const r = Router();
  r.use(
    [
      '/experiments/:exp/stages/:id/submissions',
      '/experiments/:exp/campaigns/:id/submissions',
      '/experiments/:exp/submissions/:sid',
      '/api/v1/experiments',
    ],
    requireUser,
  );
  const lists = services.submissionLists;

  for (const kind of ['stages', 'campaigns'] as const) {
    const one = kind === 'stages' ? 'stage' : 'campaign';
    const load = (req: Request, exp: string, id: number, l: ReturnType<typeof listInput>) =>
      kind === 'stages'
        ? lists.stage(req.user!, exp, id, l.window, l.sort, l.page)
        : lists.campaign(req.user!, exp, id, l.window, l.sort, l.page);
    api(
      r,
      {
        method: 'get',
        path: `/api/v1/experiments/:exp/${kind}/:id/submissions`,
        tag: 'submissions',
        summary: `A ${one}'s submissions created in a time window (tmin/tmax/tdays, default the last 7 days), recoveries and dependency launches nested under their cause`,
        params: scopeParams,
        query: listQuery,
      },
      ({ params, req }) => load(req, params.exp, params.id, listInput(req.query)),
    );
    r.get(`/experiments/:exp/${kind}/:id/submissions`, async (req, res) => {
      const { exp, id } = scopeParams.parse(req.params);
      const l = listInput(req.query);
      const download = downloadOf(req.query);
      if (download)
        return sendListDownload(res, download, {
          name: `${exp}-${one}-${id}-submissions`,
          columns: SUBMISSION_COLUMNS,
          page: async (page, pageSize) =>
            (await load(req, exp, id, { ...l, page: { page, pageSize, after: null, before: null } })).rows,
        });
      res.render('pages/submissions/list.njk', {
        exp,
        base: `${expBase(exp)}/${kind}/${id}/submissions`,
        linkQuery: linkQuery(l),
        ...(await load(req, exp, id, l)),
      });
    });
  }

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/submissions/:sid',
      tag: 'submissions',
      summary:
        'A submission: history, command, snapshots and what changed since, related submissions, file numbers, actions',
      params: submissionParams,
      query: refreshQuery,
    },
    ({ params, query, req }) =>
      services.submissionPages.get(req.user!, params.exp, params.sid, { refresh: query.refresh }),
  );
  r.get('/experiments/:exp/submissions/:sid', async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    const { refresh } = refreshQuery.parse(req.query);
    const page = await services.submissionPages.get(req.user!, exp, sid, { refresh });
    res.render('pages/submissions/show.njk', {
      exp,
      ...page,
      links: submissionLinks(services.config.links, {
        experiment: exp,
        submission_id: sid,
        jobsub_job_id: page.sam.jobsub_job_id,
        project: page.sam.project,
      }),
    });
  });

  return r;
}
