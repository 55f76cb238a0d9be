import { Router } from 'express';
import * as z from 'zod';
import type { Services } from '../../../services/services.js';
import { api } from '../../api-registry.js';
import { flash } from '../../middleware/flash.js';
import { requireUser } from '../../middleware/authenticate.js';
import { experimentParams } from './experiments.schema.js';

const enabledBody = z.object({
  enabled: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});

// The experiment's automatic-recovery switch (issue 18 housekeeping): a form on the experiment
// page and its API twin.
export function autoRecoveryRoutes(services: Services): Router {
  const r = Router();
  const path = '/experiments/:exp/auto-recovery';
  r.use([path, `/api/v1${path}`], requireUser);
  api(
    r,
    {
      method: 'put',
      path: `/api/v1${path}`,
      tag: 'experiments',
      summary: 'Turn automatic recoveries of the experiment on or off (superuser)',
      params: experimentParams,
      body: enabledBody,
    },
    ({ params, body, req }) => services.autoRecovery.set(req.user!, params.exp, body.enabled),
  );
  r.post(path, async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { enabled } = enabledBody.parse(req.body);
    await services.autoRecovery.set(req.user!, exp, enabled);
    flash(req, 'success', `Automatic recoveries are now ${enabled ? 'on' : 'off'} for ${exp}`);
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}`);
  });
  return r;
}
