import { Router, type Request } from 'express';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { sameSitePath } from '../../same-site-path.js';
import { jobActionMessage } from '../../view-models/job-action-message.js';
import {
  actBody,
  kickBody,
  recoverBody,
  SCOPE_KIND,
  scopeParams,
  submissionOnlyParams,
} from './submission-actions.schema.js';

// Acting on jobs and submissions: kill/cancel/hold/release (submission, stage or campaign),
// kick to Completed/Located, re-launch, recovery of a chosen type (with a file preview).
export function submissionActionsRoutes(services: Services): Router {
  const r = Router();
  r.use(['/api/v1/experiments', '/experiments/:exp/jobs', '/experiments/:exp/submissions'], requireUser);
  // Back to the page the action was taken from: the form's own `back` field (a same-site path), else
  // the Referer when it is ours, else the submission (or the experiment) the action was about.
  const back = (req: Request, exp: string, sid?: number) => {
    const e = `/experiments/${encodeURIComponent(exp)}`;
    return sameSitePath(req) ?? (sid ? `${e}/submissions/${sid}` : e);
  };

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/:kind/:id/jobs',
      tag: 'submissions',
      summary: 'kill, cancel, hold or release the jobs of a submission, stage or campaign',
      params: scopeParams,
      body: actBody,
    },
    ({ params, body, req }) =>
      services.jobs.control(
        req.user!,
        params.exp,
        { kind: SCOPE_KIND[params.kind], id: params.id },
        body.act,
      ),
  );
  r.post('/experiments/:exp/jobs/:kind/:id', async (req, res) => {
    const p = scopeParams.parse(req.params);
    const { act } = actBody.parse(req.body);
    const scope = { kind: SCOPE_KIND[p.kind], id: p.id };
    const out = await services.jobs.control(req.user!, p.exp, scope, act);
    const m = jobActionMessage(act, scope, out);
    flash(req, m.kind, m.text, m.details);
    res.redirect(303, back(req, p.exp, scope.kind === 'submission' ? p.id : undefined));
  });

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/submissions/:sid/kick',
      tag: 'submissions',
      summary: 'Move a submission to Completed, or a Completed one to Located',
      params: submissionOnlyParams,
      body: kickBody,
    },
    async ({ params, body, req }) => {
      const o = await services.jobs.kick(req.user!, params.exp, params.sid, body.to);
      return { submission_id: params.sid, status: o.after };
    },
  );
  r.post('/experiments/:exp/submissions/:sid/kick', async (req, res) => {
    const p = submissionOnlyParams.parse(req.params);
    const { to } = kickBody.parse(req.body);
    await services.jobs.kick(req.user!, p.exp, p.sid, to);
    flash(req, 'success', `Submission ${p.sid} is now ${to}`);
    res.redirect(303, back(req, p.exp, p.sid));
  });

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/submissions/:sid/relaunch',
      tag: 'submissions',
      summary: 'Launch the stage again on the dataset this submission used',
      params: submissionOnlyParams,
      status: 201,
    },
    ({ params, req }) => services.jobs.relaunch(req.user!, params.exp, params.sid),
  );
  r.post('/experiments/:exp/submissions/:sid/relaunch', async (req, res) => {
    const p = submissionOnlyParams.parse(req.params);
    const o = await services.jobs.relaunch(req.user!, p.exp, p.sid);
    flash(
      req,
      'success',
      o.kind === 'held' ? 'Re-launch queued (held)' : `Re-launched as submission ${o.submissionId}`,
    );
    res.redirect(
      303,
      o.kind === 'held'
        ? back(req, p.exp, p.sid)
        : `/experiments/${encodeURIComponent(p.exp)}/submissions/${o.submissionId}/log`,
    );
  });

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/submissions/:sid/recover',
      tag: 'submissions',
      summary: 'Recovery of a chosen type: preview=true lists the exact files, otherwise launches on them',
      params: submissionOnlyParams,
      body: recoverBody,
    },
    ({ params, body, req }) =>
      services.jobs.recover(req.user!, params.exp, params.sid, body.recovery_type, body.preview),
  );
  r.post('/experiments/:exp/submissions/:sid/recover', async (req, res) => {
    const p = submissionOnlyParams.parse(req.params);
    const body = recoverBody.parse(req.body);
    const out = await services.jobs.recover(req.user!, p.exp, p.sid, body.recovery_type, body.preview);
    if (body.preview)
      flash(
        req,
        'info',
        `${out.files.length} file(s) would be recovered by ${out.type}`,
        out.files.slice(0, 50),
      );
    else flash(req, 'success', `Recovery ${out.type} launched on ${out.files.length} file(s)`);
    res.redirect(303, back(req, p.exp, p.sid));
  });
  return r;
}
