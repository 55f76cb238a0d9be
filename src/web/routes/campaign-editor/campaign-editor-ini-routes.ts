import { Router } from 'express';
import { validateSplitSpec } from '../../../domain/splits/index.js';
import type { CampaignDocument } from '../../../domain/ini/index.js';
import { SPLIT_TYPE_CHOICES } from '../../../services/campaigns/editor-catalog.js';
import { parseEditorIni, renderEditorIni } from '../../../services/campaigns/editor-ini.js';
import type { EditorServices } from '../../../services/campaigns/editor-services.js';
import { api } from '../../api-registry.js';
import { requireUser } from '../../middleware/authenticate.js';
import {
  definitionsQuery,
  experimentParams,
  iniParseBody,
  iniRenderBody,
  splitCheckQuery,
} from './campaign-editor.schema.js';

const API = '/api/v1/experiments/:exp/campaigns';

// What the editor's page script asks while editing: the one .ini codec both ways (pure: no
// database), the split types with their documentation and checks, and job type / login setup
// definitions for the stages switched to them.
export function campaignEditorIniRoutes(editor: EditorServices): Router {
  const r = Router();

  api(
    r,
    {
      method: 'post',
      path: `${API}/ini/parse`,
      tag: 'campaign editor',
      summary:
        'Read .ini text into a campaign document (400 with every problem and its line); writes nothing',
      params: experimentParams,
      body: iniParseBody,
    },
    ({ body }) => parseEditorIni(body.text),
    requireUser,
  );
  api(
    r,
    {
      method: 'post',
      path: `${API}/ini/render`,
      tag: 'campaign editor',
      summary: 'Write a campaign document as .ini text, with what reading it back finds; writes nothing',
      params: experimentParams,
      body: iniRenderBody,
    },
    ({ body }) => renderEditorIni(body.document as CampaignDocument),
    requireUser,
  );
  api(
    r,
    {
      method: 'get',
      path: `${API}/editor/definitions`,
      tag: 'campaign editor',
      summary: 'Job types and login setups of the experiment by name, as .ini sections hold them',
      params: experimentParams,
      query: definitionsQuery,
    },
    ({ params, query, req }) =>
      editor.load.definitions(req.user!, params.exp, {
        jobTypes: query.job_type,
        loginSetups: query.login_setup,
      }),
    requireUser,
  );

  api(
    r,
    {
      method: 'get',
      path: '/api/v1/split-types',
      tag: 'campaign editor',
      summary: 'Split types with their syntax, parameters and documentation, in picker order',
    },
    () => SPLIT_TYPE_CHOICES,
    requireUser,
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/split-types/check',
      tag: 'campaign editor',
      summary: 'Problems of a split spec (and of the dataset for that type); [] when usable',
      query: splitCheckQuery,
    },
    ({ query }) => ({
      problems: validateSplitSpec(query.spec, {
        field: 'cs_split_type',
        ...(query.dataset !== undefined && !query.dataset.includes('%(') ? { dataset: query.dataset } : {}),
      }),
    }),
    requireUser,
  );
  return r;
}
