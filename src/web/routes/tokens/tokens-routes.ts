import { Router, type Request } from 'express';
import * as z from 'zod';
import { AppError } from '../../../lib/errors.js';
import type { Services } from '../../../services/services.js';
import { tokenInput } from '../../../services/tokens/token-input.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import { createdTokenSchema, tokenParams, tokenViewSchema } from './tokens.schema.js';

/** A token may not mint tokens: a leaked token must not be able to outlive its own revocation. */
export function refuseTokenAuth(req: Request): void {
  if (req.authVia === 'token' || req.authVia === 'lab-token')
    throw new AppError('forbidden', 'API tokens cannot create tokens: sign in, or use your profile page');
}

// Personal API tokens as JSON (the profile page is the human twin): list, create (shown once), revoke.
export function tokensRoutes(services: Services): Router {
  const r = Router();
  const svc = services.tokens;

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/tokens',
      tag: 'tokens',
      summary: 'Your API tokens (never the tokens themselves)',
      response: z.object({ items: z.array(tokenViewSchema) }),
    },
    async ({ req }) => ({ items: await svc.list(req.user!) }),
    requireUser,
  );
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/tokens',
      tag: 'tokens',
      summary: 'Create an API token; the answer holds the token, shown this once',
      body: tokenInput,
      response: createdTokenSchema,
      status: 201,
    },
    ({ body, req }) => {
      refuseTokenAuth(req);
      return svc.create(req.user!, body);
    },
    requireUser,
  );
  api(
    r,
    {
      method: 'delete',
      path: '/api/v1/tokens/:id',
      tag: 'tokens',
      summary: 'Revoke one of your API tokens (at once, for good)',
      params: tokenParams,
      response: tokenViewSchema,
    },
    ({ params, req }) => svc.revoke(req.user!, params.id),
    requireUser,
  );
  return r;
}
