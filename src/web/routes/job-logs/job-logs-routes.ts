import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { bundleQuery, fileQuery, submissionParams } from './job-logs.schema.js';

const listing = (b: Awaited<ReturnType<Services['jobLogs']['bundle']>>) => ({
  submission_id: b.submissionId,
  fetched_at: b.fetchedAt,
  files: b.files.map((f) => ({ name: f.name, bytes: f.content.length })),
});

// A submission's job logs (jobsub_fetchlog): the list of files, each file as text, and the whole
// bundle as a .tar.gz; fetched on the launch host and cached by the service.
export function jobLogsRoutes(services: Services): Router {
  const r = Router();
  const base = '/experiments/:exp/submissions/:sid/job-logs';
  r.use([base, '/api/v1/experiments/:exp/submissions/:sid/job-logs'], requireUser);
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/submissions/:sid/job-logs',
      tag: 'submissions',
      summary: "A submission's job log files (jobsub_fetchlog, cached; refresh=1 fetches again)",
      params: submissionParams,
      query: bundleQuery,
    },
    async ({ params, query, req }) =>
      listing(
        await services.jobLogs.bundle(req.user!, params.exp, params.sid, { refresh: query.refresh === '1' }),
      ),
  );
  r.get(base, async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    const { refresh } = bundleQuery.parse(req.query);
    const b = await services.jobLogs.bundle(req.user!, exp, sid, { refresh: refresh === '1' });
    res.render('pages/submissions/job-logs.njk', { exp, ...listing(b) });
  });
  r.get(`${base}/file`, async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    const { name } = fileQuery.parse(req.query);
    const f = await services.jobLogs.file(req.user!, exp, sid, name);
    res
      .type('text/plain; charset=utf-8')
      .set('Content-Disposition', `inline; filename="${name.replace(/[^\w.@-]/g, '_')}"`)
      .set('X-Content-Type-Options', 'nosniff')
      .send(f.content);
  });
  r.get(`${base}.tar.gz`, async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    const t = await services.jobLogs.tarball(req.user!, exp, sid);
    res.type('application/gzip').attachment(t.name).send(t.content);
  });
  return r;
}
