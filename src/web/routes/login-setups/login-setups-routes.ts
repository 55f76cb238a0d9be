import { Router } from 'express';
import type { Services } from '../../../services/services.js';
import { loginSetupInput } from '../../../services/campaigns/login-setup-service.js';
import { definitionRoutes } from '../shared-definitions/definition-routes.js';
import { loginSetupFromForm } from './login-setups.schema.js';

// Login setups: launch host, account and the shell setup run after login.
export function loginSetupsRoutes(services: Services): Router {
  const r = Router();
  definitionRoutes(r, {
    svc: services.loginSetups,
    segment: 'login-setups',
    noun: 'login setup',
    nouns: 'login setups',
    local: 'loginSetup',
    getSummary: 'A login setup and what uses it',
    input: loginSetupInput,
    fromForm: loginSetupFromForm,
    idOf: (ls) => ls.login_setup_id,
  });
  return r;
}
