import path from 'node:path';
import express, { Router, type Response } from 'express';
import { ASSET_VERSION, fomanticLite, NODE_MODULES, PUBLIC_DIR } from './views.js';

const YEAR = 'public, max-age=31536000, immutable';
/** `/static/v-<hash>/…` or `/vendor/v-<hash>/…`: the version segment is dropped before serving. */
const VERSIONED = /^\/(static|vendor)\/v-([0-9a-f]{10})\//;

/**
 * Our own assets and the vendor files, served from node_modules (the machines are offline: no CDN).
 * Versioned URLs (what the layout links, see ASSET_VERSION) are cached for a year; a page of an
 * older version still gets its files (shortly cached), as during a rolling upgrade.
 */
export function staticRoutes(): Router {
  const r = Router();
  r.use((req, res, next) => {
    const m = VERSIONED.exec(req.url);
    if (m) {
      req.url = req.url.replace(`/v-${m[2]}`, '');
      res.locals.immutableAsset = m[2] === ASSET_VERSION;
    }
    next();
  });
  const opts = {
    maxAge: '1h',
    index: false as const,
    setHeaders: (res: Response) => {
      if (res.locals.immutableAsset) res.setHeader('Cache-Control', YEAR);
    },
  };
  // The Fomantic subset, by its content-hashed name (what the layout links: cached for a year) or
  // its plain name and any other hash (an older page during a rolling upgrade: revalidated).
  r.get(/^\/static\/vendor\/fomantic-lite(?:\.([0-9a-f]{10}))?\.css$/, (req, res) => {
    const lite = fomanticLite();
    const current = req.params[0] === lite.hash;
    res.set({
      'content-type': 'text/css; charset=utf-8',
      etag: lite.etag,
      'cache-control': current ? YEAR : 'public, max-age=3600',
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
