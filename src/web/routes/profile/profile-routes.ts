import { Router, type Request, type Response } from 'express';
import { rolesAvailable, ROLES } from '../../../domain/permissions/roles.js';
import type { Services } from '../../../services/services.js';
import { tokenInput } from '../../../services/tokens/token-input.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import type { FormFile } from '../../middleware/multipart-form.js';
import { AppError } from '../../../lib/errors.js';
import { tokenParams } from '../tokens/tokens.schema.js';

// The profile page: who you are, your memberships, and your API tokens (create, revoke). A new
// token is rendered in the answer to the POST that created it and nowhere else (not stored in the
// session either): reloading the page does not show it again.
export function profileRoutes(services: Services): Router {
  const r = Router();
  r.use('/profile', requireUser);

  async function render(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const u = req.user!;
    const sources = await services.identity.membershipSources(u.experimenterId);
    const memberships = Object.entries(u.memberships)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([experiment, role]) => ({ experiment, role, source: sources[experiment] ?? 'local' }));
    const topRole = u.root
      ? 'superuser'
      : [...ROLES].reverse().find((x) => memberships.some((m) => m.role === x));
    const uploadsIn = u.experiment && (u.root || u.memberships[u.experiment]) ? u.experiment : null;
    res.render('pages/profile/index.njk', {
      profile: u,
      signedInVia: req.authVia === 'session' ? (req.session.signedInVia ?? 'dev') : req.authVia,
      groups: req.session?.groups ?? [],
      memberships,
      tokens: await services.tokens.list(u),
      uploadsIn,
      uploads: uploadsIn ? await services.uploads.list(u, uploadsIn) : null,
      roleChoices: rolesAvailable(topRole ?? null, u.root),
      form: {},
      ...extra,
    });
  }

  r.get('/profile', (req, res) => render(req, res));

  r.post('/profile/tokens', async (req, res) => {
    const { name, experiment, max_role, expires_at } = req.body ?? {};
    const created = await services.tokens.create(
      req.user!,
      tokenInput.parse({ name, experiment, max_role, expires_at }),
    );
    res.set('Cache-Control', 'no-store');
    await render(req, res, { created });
  });

  r.post('/profile/tokens/:id/revoke', async (req, res) => {
    const { id } = tokenParams.parse(req.params);
    const t = await services.tokens.revoke(req.user!, id);
    flash(req, 'success', `Token "${t.name}" (${t.token_prefix}…) revoked`);
    res.redirect(303, '/profile');
  });
  // The uploads area (vault token, proxy, files for jobs) of the current experiment.
  r.post('/profile/uploads', async (req, res) => {
    const experiment = String(req.body?.experiment ?? '');
    const files = ((res.locals.formFiles ?? []) as FormFile[]).map(({ filename, bytes }) => ({
      filename,
      bytes,
    }));
    try {
      const l = await services.uploads.save(req.user!, experiment, files);
      flash(
        req,
        'success',
        `Uploaded ${files.map((f) => f.filename).join(', ')} (${l.total} of ${l.quota} bytes used)`,
      );
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      flash(req, 'error', e.message);
    }
    res.redirect(303, '/profile#uploads');
  });

  r.post('/profile/uploads/remove', async (req, res) => {
    const { experiment, filename } = req.body ?? {};
    const removed = await services.uploads.remove(req.user!, String(experiment ?? ''), [
      String(filename ?? ''),
    ]);
    flash(req, 'success', removed.length ? `Removed ${removed.join(', ')}` : 'Nothing to remove');
    res.redirect(303, '/profile#uploads');
  });
  return r;
}
