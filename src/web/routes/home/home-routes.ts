import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { requireUser } from '../../middleware/authenticate.js';

export function homeRoutes(_services: Services): Router {
  const r = Router();
  r.get('/', requireUser, (req, res) => {
    const u = req.user!;
    if (u.experiment) return res.redirect(303, `/experiments/${encodeURIComponent(u.experiment)}`);
    res.render('pages/home/index.njk', {});
  });
  return r;
}
