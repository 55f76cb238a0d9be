import { Router } from 'express';
import { editorServices } from '../../../services/campaigns/editor-services.js';
import type { Services } from '../../../services/services.js';
import { campaignEditorIniRoutes } from './campaign-editor-ini-routes.js';
import { campaignEditorRoutes } from './campaign-editor-routes.js';

/** The campaign editor's mount point for app.ts; mounted before the campaign routes (`…/:id` paths). */
export function campaignEditorAreaRoutes(services: Services): Router {
  const editor = editorServices(services.db);
  const r = Router();
  r.use(campaignEditorIniRoutes(editor));
  r.use(campaignEditorRoutes(editor));
  return r;
}
