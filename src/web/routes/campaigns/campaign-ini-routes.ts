import express, { Router, type Response } from 'express';
import * as z from 'zod';
import { MAX_INI_BYTES } from '../../../domain/ini/index.js';
import { AppError } from '../../../lib/errors.js';
import type { Services } from '../../../services/services.js';
import { cloneInput } from '../../../services/campaigns/campaign-export-service.js';
import { reportLines, type ImportReport } from '../../../services/campaigns/import-report.js';
import { objectName } from '../../../services/campaigns/field-schemas.js';
import { flash } from '../../middleware/flash.js';
import { api } from '../../api-registry.js';
import {
  campaignParams,
  cloneFromForm,
  experimentParams,
  importForm,
  sampleParams,
} from './campaigns.schema.js';

const base = (exp: string) => `/experiments/${encodeURIComponent(exp)}/campaigns`;

/**
 * The import body as bytes, so that the codec itself checks UTF-8 and size. The limit sits above
 * MAX_INI_BYTES so a file just over it gets the codec's answer (line, size) rather than the parser's.
 */
const iniBody = express.raw({
  type: ['text/plain', 'application/octet-stream', 'text/x-ini', 'application/x-ini'],
  limit: MAX_INI_BYTES + 1024 * 1024,
});

const created = (r: ImportReport) => r.created.some((o) => o.kind === 'campaign');

function sendIni(res: Response, file: { filename: string; text: string }) {
  res.type('text/plain; charset=utf-8').attachment(file.filename).send(file.text);
}

// Campaign .ini import and export, clone, and the sample campaign templates.
export function campaignIniRoutes(services: Services): Router {
  const r = Router();

  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/import',
      tag: 'campaigns',
      summary: 'Import a campaign .ini file (the request body, text/plain): all or nothing',
      params: experimentParams,
      bodyType: 'text',
      status: 201,
    },
    async ({ params, req, res }) => {
      if (!Buffer.isBuffer(req.body))
        throw new AppError('invalid_input', 'send the .ini file as the body with content-type text/plain', [
          { field: 'content-type', message: `got ${req.get('content-type') ?? 'none'}` },
        ]);
      const report = await services.campaignImport.importIni(req.user!, params.exp, new Uint8Array(req.body));
      res.status(created(report) ? 201 : 200).json(report);
    },
    iniBody,
  );
  r.post('/experiments/:exp/campaigns/import', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    const { ini } = importForm.parse(req.body);
    const report = await services.campaignImport.importIni(req.user!, exp, ini).catch((e: unknown) => {
      // A refused file stays on screen with its problems beside it, instead of a dead-end error page.
      if (!(e instanceof AppError) || !['invalid_input', 'too_large', 'conflict'].includes(e.code)) throw e;
      res.status(e.status).render('pages/campaigns/import.njk', {
        exp,
        importText: ini,
        importMessage: e.message,
        importProblems: e.details.length ? e.details : [{ message: e.message }],
      });
      return null;
    });
    if (!report) return;
    flash(
      req,
      report.warnings.length ? 'warning' : 'success',
      `Campaign ${report.campaign} ${created(report) ? 'imported' : 're-imported'}`,
      reportLines(report),
    );
    res.redirect(303, `${base(exp)}/${report.campaign_id}`);
  });

  const exportIni = async (req: express.Request, res: Response) => {
    const { exp, id } = campaignParams.parse(req.params);
    sendIni(res, await services.campaignExport.exportIni(req.user!, exp, id));
  };
  r.get('/experiments/:exp/campaigns/:id/ini', exportIni);
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/experiments/:exp/campaigns/:id/ini',
      tag: 'campaigns',
      summary: 'Export a campaign as an .ini file (text/plain download)',
      params: campaignParams,
    },
    async ({ req, res }) => exportIni(req, res),
  );

  r.get('/experiments/:exp/campaigns/:id/clone', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    res.render('pages/campaigns/clone.njk', {
      exp,
      campaign: await services.campaigns.get(req.user!, exp, id),
    });
  });
  r.post('/experiments/:exp/campaigns/:id/clone', async (req, res) => {
    const { exp, id } = campaignParams.parse(req.params);
    const report = await services.campaignExport.clone(
      req.user!,
      exp,
      id,
      cloneInput.parse(cloneFromForm(req.body)),
    );
    flash(req, 'success', `Campaign ${report.campaign} created as a copy`, reportLines(report));
    res.redirect(303, `${base(exp)}/${report.campaign_id}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaigns/:id/clone',
      tag: 'campaigns',
      summary: 'Copy a campaign under a new name, renaming every stage',
      params: campaignParams,
      body: cloneInput,
      status: 201,
    },
    ({ params, body, req }) => services.campaignExport.clone(req.user!, params.exp, params.id, body),
  );

  const samples = services.sampleCampaigns;
  r.get('/experiments/:exp/campaign-samples', async (req, res) => {
    const { exp } = experimentParams.parse(req.params);
    await services.campaigns.tagNames(req.user!, exp); // the experiment exists and is visible
    res.render('pages/campaigns/samples.njk', { exp, samples: samples.list() });
  });
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/campaign-samples',
      tag: 'campaigns',
      summary: 'Sample campaign templates',
    },
    () => samples.list(),
  );
  api(
    r,
    {
      method: 'get',
      path: '/api/v1/campaign-samples/:sample/ini',
      tag: 'campaigns',
      summary: 'A sample campaign template as .ini text',
      params: sampleParams.pick({ sample: true }),
    },
    ({ params, res }) =>
      sendIni(res, { filename: `${params.sample}.ini`, text: samples.get(params.sample).text }),
  );
  const sampleBody = z.object({ name: objectName });
  r.post('/experiments/:exp/campaign-samples/:sample', async (req, res) => {
    const { exp, sample } = sampleParams.parse(req.params);
    const report = await samples.instantiate(req.user!, exp, sample, sampleBody.parse(req.body).name);
    flash(req, 'success', `Campaign ${report.campaign} created from the template`, reportLines(report));
    res.redirect(303, `${base(exp)}/${report.campaign_id}`);
  });
  api(
    r,
    {
      method: 'post',
      path: '/api/v1/experiments/:exp/campaign-samples/:sample',
      tag: 'campaigns',
      summary: 'Create a campaign from a sample template under a new name',
      params: sampleParams,
      body: sampleBody,
      status: 201,
    },
    ({ params, body, req }) => samples.instantiate(req.user!, params.exp, params.sample, body.name),
  );

  return r;
}
