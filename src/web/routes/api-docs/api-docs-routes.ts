import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import * as z from 'zod';
import { PACKAGE_ROOT } from '../../../lib/package-root.js';
import { api, apiRegistry } from '../../api-registry.js';
import { apiReference } from './api-reference.js';
import { buildOpenApi, type OpenApiDocument } from './openapi-document.js';

const VERSION: string = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

const OPENAPI_PATH = '/api/v1/openapi.json';

// The API described: GET /api/v1/openapi.json (OpenAPI 3.1, generated) and /api/docs (the same,
// readable, server-rendered). Both are public: they describe the API, they hold no data, and
// tools and people need them before they have a token.
export function apiDocsRoutes(): Router {
  const r = Router();
  let cached: { size: number; doc: OpenApiDocument } | undefined;
  // Built on first use, when every router has registered its routes; rebuilt if more appear.
  const document = () => {
    if (cached?.size !== apiRegistry.length)
      cached = {
        size: apiRegistry.length,
        doc: buildOpenApi(apiRegistry, { version: VERSION, publicRoutes: [`get ${OPENAPI_PATH}`] }),
      };
    return cached.doc;
  };

  api(
    r,
    {
      method: 'get',
      path: OPENAPI_PATH,
      tag: 'docs',
      summary: 'This API as an OpenAPI 3.1 document (public)',
      response: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }),
    },
    () => document(),
  );

  r.get('/api/docs', (_req, res) => {
    const doc = document();
    res.render('pages/api-docs/index.njk', {
      groups: apiReference(doc),
      info: doc.info,
      openapiPath: OPENAPI_PATH,
    });
  });
  return r;
}
