import path from 'node:path';
import express, { Router } from 'express';
import { buildFomanticLite } from './fomantic-lite.js';
import { NODE_MODULES, PUBLIC_DIR } from './views.js';

/** Our own assets and the vendor files, served from node_modules (the machines are offline: no CDN). */
export function staticRoutes(): Router {
  const r = Router();
  const opts = { maxAge: '1h', index: false as const };
  const lite = buildFomanticLite(path.join(NODE_MODULES, 'fomantic-ui-css'));
  r.get('/static/vendor/fomantic-lite.css', (req, res) => {
    res.set({
      'content-type': 'text/css; charset=utf-8',
      etag: lite.etag,
      'cache-control': 'public, max-age=3600',
    });
    if (req.get('if-none-match') === lite.etag) return void res.status(304).end();
    res.send(lite.text);
  });
  r.use('/static', express.static(PUBLIC_DIR, opts));
  r.use('/vendor/fomantic', express.static(path.join(NODE_MODULES, 'fomantic-ui-css'), opts));
  r.use('/vendor/jquery', express.static(path.join(NODE_MODULES, 'jquery/dist'), opts));
  r.use('/vendor/vis-network', express.static(path.join(NODE_MODULES, 'vis-network/standalone/umd'), opts));
  r.get('/favicon.ico', (_req, res) => res.sendFile(path.join(PUBLIC_DIR, 'favicon.svg')));
  return r;
}
