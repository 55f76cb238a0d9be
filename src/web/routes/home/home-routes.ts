import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import type { UserContext } from '../../../services/user-context.js';
import { requireUser } from '../../middleware/authenticate.js';

/**
 * Where a user starts, by the role they last acted as in the experiment they last chose (both
 * remembered on their record): a shifter on what needs attention, a producer or analyst on their own
 * campaigns (what is running, what failed), a superuser on the experiment's overview.
 */
export function landingPath(u: UserContext): string | null {
  if (!u.experiment) return null;
  const eb = `/experiments/${encodeURIComponent(u.experiment)}`;
  if (u.role === 'production-shifter') return `${eb}/shifter`;
  if (u.role === 'superuser') return `${eb}/overview`;
  return `${eb}/overview?whose=mine`;
}

export function homeRoutes(_services: Services): Router {
  const r = Router();
  r.get('/', requireUser, (req, res) => {
    const to = landingPath(req.user!);
    if (to) return res.redirect(303, to);
    res.render('pages/home/index.njk', {});
  });
  return r;
}
