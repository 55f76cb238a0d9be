import { Router } from 'express';
import * as z from 'zod';
import type { Services } from '../../../services/services.js';
import { splitCursorService } from '../../../services/launch/split-cursor-service.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { flash } from '../../middleware/flash.js';
import { stageParams } from './launches.schema.js';

// Empty = start the split over; otherwise a whole number (index, epoch seconds or snapshot id).
export const cursorBody = z.object({
  cursor: z.enum(['split', 'test']).default('split'),
  value: z
    .union([z.number(), z.string().trim()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '' || v === null) return null;
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number ≥ 0, or empty to start over' });
        return z.NEVER;
      }
      return n;
    }),
});

/** Reset or set a stage's split cursor (production or test). */
export function splitCursorRoutes(services: Services): Router {
  const r = Router();
  const svc = splitCursorService(services.db);
  r.use(
    ['/experiments/:exp/stages/:id/split-cursor', '/api/v1/experiments/:exp/stages/:id/split-cursor'],
    requireUser,
  );
  api(
    r,
    {
      method: 'put',
      path: '/api/v1/experiments/:exp/stages/:id/split-cursor',
      tag: 'launches',
      summary: 'Reset (value empty) or set the split cursor of a stage',
      params: stageParams,
      body: cursorBody,
    },
    ({ params, body, req }) => svc.set(req.user!, params.exp, params.id, body.cursor, body.value),
  );
  r.post('/experiments/:exp/stages/:id/split-cursor', async (req, res) => {
    const { exp, id } = stageParams.parse(req.params);
    const body = cursorBody.parse(req.body);
    await svc.set(req.user!, exp, id, body.cursor, body.value);
    flash(
      req,
      'success',
      body.value === null
        ? `The ${body.cursor === 'test' ? 'test ' : ''}split starts over`
        : `The ${body.cursor === 'test' ? 'test ' : ''}split cursor is now ${body.value}`,
    );
    res.redirect(303, `/experiments/${encodeURIComponent(exp)}/stages/${id}`);
  });
  return r;
}
