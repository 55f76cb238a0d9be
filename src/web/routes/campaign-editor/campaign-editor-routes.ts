import { Router, type Request, type Response } from 'express';
import type { CampaignDocument } from '../../../domain/ini/index.js';
import type { EditorData } from '../../../services/campaigns/editor-load-service.js';
import type { EditorServices } from '../../../services/campaigns/editor-services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import {
  campaignParams,
  editorCheckBody,
  editorSaveBody,
  experimentParams,
} from './campaign-editor.schema.js';

const API = '/api/v1/experiments/:exp/campaigns';

/** The page's data as a JSON island: `<` escaped so that no text in it can close the script element. */
const island = (data: EditorData) => JSON.stringify(data).replace(/</g, '\\u003c');

function renderPage(res: Response, data: EditorData) {
  const name = data.document.campaign.name;
  res.render('pages/campaign-editor/editor.njk', {
    exp: data.experiment,
    campaignId: data.campaign_id,
    title: data.campaign_id === null ? 'New campaign' : name,
    editorData: island(data),
  });
}

const saveInput = (body: {
  document: unknown;
  renames: Array<{ from: string; to: string }>;
  version?: string | null;
}) => ({
  document: body.document as CampaignDocument,
  renames: body.renames,
  version: body.version,
});

// The campaign editor (issue 7): the page, its JSON twin (the same service call), and the saves.
// Paths sit beside the campaign's settings form (…/edit, campaigns-routes.ts): …/editor.
export function campaignEditorRoutes(editor: EditorServices): Router {
  const r = Router();
  const user = (req: Request) => req.user!;

  r.get('/experiments/:exp/campaigns/new/editor', requireUser, async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    renderPage(res, await editor.load.forNew(user(req), exp));
  });
  r.get('/experiments/:exp/campaigns/:id/editor', requireUser, async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    renderPage(res, await editor.load.forCampaign(user(req), exp, id));
  });
  api(
    r,
    {
      method: 'get',
      path: `${API}/new/editor`,
      tag: 'campaign editor',
      summary: 'What the editor starts a new campaign from: an empty document, its .ini text, the pickers',
      params: experimentParams,
    },
    ({ params, req }) => editor.load.forNew(user(req), params.exp),
    requireUser,
  );
  api(
    r,
    {
      method: 'get',
      path: `${API}/:id/editor`,
      tag: 'campaign editor',
      summary: 'The campaign as the editor loads it: document, .ini export, version, pickers, permissions',
      params: campaignParams,
    },
    ({ params, req }) => editor.load.forCampaign(user(req), params.exp, params.id),
    requireUser,
  );

  api(
    r,
    {
      method: 'post',
      path: `${API}/editor`,
      tag: 'campaign editor',
      summary: 'Create a campaign from an editor document (also "save as new"); all or nothing',
      params: experimentParams,
      body: editorSaveBody,
      status: 201,
    },
    ({ params, body, req }) => editor.save.saveNew(user(req), params.exp, saveInput(body)),
    requireUser,
  );
  api(
    r,
    {
      method: 'post',
      path: `${API}/editor/check`,
      tag: 'campaign editor',
      summary: 'Everything a save would check or refuse, without writing (dry run, rolled back)',
      params: experimentParams,
      body: editorCheckBody,
    },
    ({ params, body, req }) =>
      editor.save.check(user(req), params.exp, body.campaign_id ?? null, saveInput(body)),
    requireUser,
  );
  api(
    r,
    {
      method: 'post',
      path: `${API}/:id/editor`,
      tag: 'campaign editor',
      summary: 'Save an editor document into the campaign (stages renamed in place); all or nothing',
      params: campaignParams,
      body: editorSaveBody,
    },
    ({ params, body, req }) => editor.save.saveExisting(user(req), params.exp, params.id, saveInput(body)),
    requireUser,
  );
  return r;
}
