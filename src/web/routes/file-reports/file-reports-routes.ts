import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { timeWindow } from '../../../services/reports/time-window.js';
import { api } from '../../api-registry.js';
import { downloadOf, sendListDownload } from '../../downloads/list-download.js';
import { requireUser } from '../../middleware/authenticate.js';
import {
  experimentParams,
  fileParams,
  filesQuery,
  refreshQuery,
  reportQuery,
  scopeParams,
  submissionParams,
} from './file-reports.schema.js';

function reportInput(query: unknown) {
  const q = reportQuery.parse(query ?? {});
  return {
    window: timeWindow(q, new Date()),
    page: { page: q.page, pageSize: q.page_size },
    retry: q.refresh,
  };
}

// File reports counted in files (per submission, stage, campaign) and the list of the files behind
// any of their numbers; each page with its JSON twin from the same service call.
export function fileReportsRoutes(services: Services): Router {
  const r = Router();
  r.use(
    [
      '/experiments/:exp/files',
      '/experiments/:exp/stages/:id/files',
      '/experiments/:exp/campaigns/:id/files',
      '/experiments/:exp/submissions/:sid/files',
      '/api/v1/experiments',
    ],
    requireUser,
  );
  const reports = services.fileReports;
  const e = (exp: string) => `/experiments/${encodeURIComponent(exp)}`;

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/submissions/:sid/files',
      tag: 'files',
      summary: "A submission's file report (refresh=1 recounts in SAM now)",
      params: submissionParams,
      query: refreshQuery,
    },
    ({ params, query, req }) => services.submissionPages.files(req.user!, params.exp, params.sid, query),
  );
  r.get('/experiments/:exp/submissions/:sid/files', async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    const data = await services.submissionPages.files(req.user!, exp, sid, refreshQuery.parse(req.query));
    res.render('pages/files/report.njk', { exp, kind: 'submission', ...data });
  });

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/stages/:id/files',
      tag: 'files',
      summary: "A stage's file report: its submissions in the window (paginated) and their totals",
      params: scopeParams,
      query: reportQuery,
    },
    ({ params, req }) => {
      const i = reportInput(req.query);
      return reports.stage(req.user!, params.exp, params.id, i.window, i.page, i.retry);
    },
  );
  r.get('/experiments/:exp/stages/:id/files', async (req, res) => {
    const { exp, id } = scopeParams.parse(req.params);
    const i = reportInput(req.query);
    res.render('pages/files/report.njk', {
      exp,
      kind: 'stage',
      base: `${e(exp)}/stages/${id}/files`,
      ...(await reports.stage(req.user!, exp, id, i.window, i.page, i.retry)),
    });
  });

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id/files',
      tag: 'files',
      summary: "A campaign's file report: each stage's totals in the window, and the campaign's (their sum)",
      params: scopeParams,
      query: reportQuery,
    },
    ({ params, req }) => {
      const i = reportInput(req.query);
      return reports.campaign(req.user!, params.exp, params.id, i.window, i.retry);
    },
  );
  r.get('/experiments/:exp/campaigns/:id/files', async (req, res) => {
    const { exp, id } = scopeParams.parse(req.params);
    const i = reportInput(req.query);
    res.render('pages/files/report.njk', {
      exp,
      kind: 'campaign',
      base: `${e(exp)}/campaigns/${id}/files`,
      ...(await reports.campaign(req.user!, exp, id, i.window, i.retry)),
    });
  });

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/files',
      tag: 'files',
      summary:
        "The files of a query in the experiment's data service (SAM dimensions, or MQL on MetaCat), or behind one number of a submission's file report (submission + column), one page at a time",
      params: experimentParams,
      query: filesQuery,
    },
    ({ params, query, req }) =>
      services.fileLists.list(req.user!, params.exp, query, { page: query.page, pageSize: query.page_size }),
  );
  r.get('/experiments/:exp/files', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const q = filesQuery.parse(req.query);
    const download = downloadOf(req.query);
    if (download)
      return sendListDownload(res, download, {
        name: `${exp}-files`,
        page: (page, pageSize) => services.fileLists.list(req.user!, exp, q, { page, pageSize }),
      });
    res.render('pages/files/list.njk', {
      exp,
      base: `${e(exp)}/files`,
      result: await services.fileLists.list(req.user!, exp, q, { page: q.page, pageSize: q.page_size }),
    });
  });

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/files/:name',
      tag: 'files',
      summary:
        'One file: its SAM or MetaCat metadata, parents and children, Rucio replicas (MetaCat), the submission that produced it (attribution rule), those whose projects were delivered it and those that consumed it',
      params: fileParams,
    },
    ({ params, req }) => services.fileDetails.get(req.user!, params.exp, params.name),
  );
  r.get('/experiments/:exp/files/:name', async (req, res) => {
    const { exp, name } = fileParams.parse(req.params);
    res.render('pages/files/show.njk', { exp, file: await services.fileDetails.get(req.user!, exp, name) });
  });

  return r;
}
