import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import {
  countsQuery,
  fileCountsSchema,
  stageCountsParams,
  submissionDetailSchema,
  submissionParams,
} from './file-counts.schema.js';

// What scripts read about submissions: one submission with its history, and the file counts
// tracking recorded per submission, summed for a stage (the `poms submission show` and `poms files`).
export function fileCountsRoutes(services: Services): Router {
  const r = Router();
  const svc = services.submissionSummaries;
  const page = (q: { page: number; page_size: number }) => ({ page: q.page, pageSize: q.page_size });

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/submissions/:sid/summary',
      tag: 'submissions',
      summary: 'A submission: status, history, jobsub id, project and recorded file counts',
      params: submissionParams,
      response: submissionDetailSchema,
    },
    ({ params, req }) => svc.submission(req.user!, params.exp, params.sid),
    requireUser,
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/stages/:sid/file-counts',
      tag: 'files',
      summary: "File counts of a stage's submissions (files, not jobs) with the stage totals",
      params: stageCountsParams,
      query: countsQuery,
      response: fileCountsSchema,
    },
    ({ params, query, req }) =>
      svc.fileCounts(req.user!, params.exp, { kind: 'stage', id: params.sid }, page(query)),
    requireUser,
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/submissions/:sid/file-counts',
      tag: 'files',
      summary: 'File counts of one submission (files, not jobs)',
      params: submissionParams,
      response: fileCountsSchema,
    },
    ({ params, req }) =>
      svc.fileCounts(req.user!, params.exp, { kind: 'submission', id: params.sid }, { page: 1, pageSize: 1 }),
    requireUser,
  );
  return r;
}
