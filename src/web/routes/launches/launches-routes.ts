import crypto from 'node:crypto';
import { Router } from 'express';
import { launchBody } from '../../../services/launch/launch-request.js';
import type { Services } from '../../../services/services.js';
import { submissionStore } from '../../../db/stores/submission-store.js';
import { notFound } from '../../../lib/errors.js';
import { can } from '../../../domain/permissions/permissions.js';
import type { UserContext } from '../../../services/user-context.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { outcomePage, outcomeStatus } from './launch-outcome.js';
import { campaignParams, logQuery, previewQuery, stageParams, submissionParams } from './launches.schema.js';

const personLaunch = (body: ReturnType<typeof launchBody.parse>, header?: string) => ({
  test: body.test,
  datasetOverride: body.dataset_override,
  paramOverrides: body.param_overrides,
  idempotencyKey: body.idempotency_key ?? header,
});

// Launching: launch and preview a stage, launch a campaign, the live launch log with abort,
// approvals (holds, the queue and schedules: holds-routes.ts). Pages and their JSON twins share
// service calls.
export function launchesRoutes(services: Services): Router {
  const r = Router();
  const act = services.launchActions;
  r.use(
    [
      '/experiments/:exp/stages',
      '/experiments/:exp/submissions',
      '/experiments/:exp/campaigns',
      '/api/v1/experiments',
    ],
    requireUser,
  );

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/stages/:id/launch',
      tag: 'launches',
      summary: 'Launch a stage (201 launched, 202 queued because held, 200 repeat of an idempotent request)',
      params: stageParams,
      body: launchBody,
    },
    async ({ params, body, req, res }) => {
      const o = await act.launch(
        req.user!,
        params.id,
        personLaunch(body, req.get('idempotency-key')),
        params.exp,
      );
      res.status(outcomeStatus(o)).json(o);
    },
  );
  r.post('/experiments/:exp/stages/:id/launch', async (req, res) => {
    const { exp, id } = stageParams.parse(req.params);
    const o = await act.launch(req.user!, id, personLaunch(launchBody.parse(req.body)), exp);
    const page = outcomePage(exp, id, o);
    flash(req, o.kind === 'held' ? 'warning' : 'success', page.message);
    res.redirect(303, page.url);
  });

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/stages/:id/launch-preview',
      tag: 'launches',
      summary: 'The exact command and dataset the next launch would use (no side effects)',
      params: stageParams,
      query: previewQuery,
    },
    ({ params, query, req }) => act.preview(req.user!, params.id, query.test, params.exp),
  );
  r.get('/experiments/:exp/stages/:id/launch-preview', async (req, res) => {
    const { exp, id } = stageParams.parse(req.params);
    const { test } = previewQuery.parse(req.query);
    res.render('pages/launches/preview.njk', {
      exp,
      test,
      idempotency: `form-${crypto.randomUUID()}`,
      preview: await act.preview(req.user!, id, test, exp),
    });
  });

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/:id/launch',
      tag: 'launches',
      summary: "Launch a campaign's leading stages",
      params: campaignParams,
      status: 201,
    },
    async ({ params, req }) => ({
      launches: await act.launchCampaign(req.user!, params.id, params.exp),
    }),
  );
  r.post('/experiments/:exp/campaigns/:id/launch', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const out = await act.launchCampaign(req.user!, id, exp);
    flash(
      req,
      'success',
      `Launched ${out.length} leading stage(s): ${out.map((o) => ('submissionId' in o ? `#${o.submissionId}` : 'queued')).join(', ')}`,
    );
    const first = out[0];
    res.redirect(
      303,
      first && 'submissionId' in first
        ? `/experiments/${encodeURIComponent(exp)}/submissions/${first.submissionId}/log`
        : `/experiments/${encodeURIComponent(exp)}/held-launches`,
    );
  });

  /** One line saying where the launch is: running, finished and with what, or not started yet. */
  function launchState(
    running: boolean,
    s: {
      status: string;
      launch_finished_at: Date | null;
      launch_exit_code: number | null;
      jobsub_job_id: string | null;
    },
  ): string {
    if (running) return 'running…';
    if (!s.launch_finished_at) return 'not started';
    const done = `finished, exit code ${s.launch_exit_code ?? '—'}`;
    if (s.status === 'New' && s.jobsub_job_id)
      return `${done}: submitted as ${s.jobsub_job_id}, waiting for the grid to report its jobs`;
    return done;
  }

  // Non-members (as the permissions module decides) get the same 404 as for a missing submission.
  const logData = async (user: UserContext, exp: string, sid: number, after: number) => {
    if (!can(user, 'view', { experiment: exp })) throw notFound(`submission ${sid}`);
    const store = submissionStore(services.db);
    const sub = await store.get(sid);
    if (!sub || sub.experiment !== exp) throw notFound(`submission ${sid}`);
    const log = await store.log(sid, after);
    const running = services.runner.isRunning(sid);
    return {
      submission_id: sid,
      status: sub.status,
      command: sub.command_executed,
      jobsub_job_id: sub.jobsub_job_id,
      launch_started_at: sub.launch_started_at,
      launch_finished_at: sub.launch_finished_at,
      launch_exit_code: sub.launch_exit_code,
      launch_error: sub.launch_error,
      running,
      state_text: launchState(running, sub),
      text: log.text,
      last_chunk: log.lastChunk,
    };
  };
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/submissions/:sid/log',
      tag: 'launches',
      summary: 'Launch log (pass after=<last_chunk> to get only what is new)',
      params: submissionParams,
      query: logQuery,
    },
    async ({ params, query, req }) => {
      return logData(req.user!, params.exp, params.sid, query.after);
    },
  );
  r.get('/experiments/:exp/submissions/:sid/log', async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    res.render('pages/launches/log.njk', { exp, log: await logData(req.user!, exp, sid, 0) });
  });

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/submissions/:sid/abort',
      tag: 'launches',
      summary: 'Abort a launch still running',
      params: submissionParams,
    },
    ({ params, req }) => act.abort(req.user!, params.sid, params.exp),
  );
  r.post('/experiments/:exp/submissions/:sid/abort', async (req, res) => {
    const { exp, sid } = submissionParams.parse(req.params);
    await act.abort(req.user!, sid, exp);
    flash(req, 'warning', `Launch of submission ${sid} aborted`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}/submissions/${sid}/log`);
  });

  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    api(
      r,
      {
        method: 'post',
        path: `/api/v1/experiments/:exp/submissions/:sid/${verb}`,
        tag: 'launches',
        summary: `${approve ? 'Approve' : 'Reject'} a submission awaiting approval`,
        params: submissionParams,
      },
      async ({ params, req }) => {
        const o = await act.decideApproval(req.user!, params.sid, approve, params.exp);
        return { submission_id: params.sid, status: o.after };
      },
    );
    r.post(`/experiments/:exp/submissions/:sid/${verb}`, async (req, res) => {
      const { exp, sid } = submissionParams.parse(req.params);
      const o = await act.decideApproval(req.user!, sid, approve, exp);
      flash(req, 'success', `Submission ${sid} is now ${o.after}`);
      res.redirect(
        303,
        req.get('referer') ?? `/experiments/${encodeURIComponent(exp)}/submissions/${sid}/log`,
      );
    });
  }

  return r;
}
