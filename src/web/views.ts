import path from 'node:path';
import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { PACKAGE_ROOT as ROOT } from '../lib/package-root.js';
import { assetVersion } from './asset-version.js';
import { buildFomanticLite, type BuiltCss } from './fomantic-lite.js';
import { webLink } from '../lib/web-link.js';
import { fastEscape } from './nunjucks-escape.js';
import { fastFrameSet } from './nunjucks-frame.js';

/** A UTC timestamp as PostgreSQL's JSON writes it (history entries): formatted without a Date. */
const UTC_TEXT = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.\d+)?(?:Z|\+00(?::?00)?)$/;

export function formatTime(v: unknown): string {
  if (typeof v === 'string') {
    const m = UTC_TEXT.exec(v);
    if (m) return `${m[1]} ${m[2]} UTC`;
  }
  if (!v) return '';
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** Nunjucks with autoescape; templates under views/ (layouts/, partials/, pages/<area>/<action>.njk). */
export function configureViews(app: Express): nunjucks.Environment {
  fastFrameSet();
  fastEscape();
  const env = nunjucks.configure(path.join(ROOT, 'views'), {
    autoescape: true,
    express: app,
    throwOnUndefined: false,
  });
  env.addFilter('time', formatTime);
  // `{{ static }}/css/poms.css`, `{{ vendor }}/jquery/…`: versioned, long-cached asset URLs.
  env.addGlobal('static', `/static/v-${ASSET_VERSION}`);
  env.addGlobal('vendor', `/vendor/v-${ASSET_VERSION}`);
  // Built from Fomantic's files by our code: named by its own content hash (fomantic-lite.ts may
  // change while public/ and the vendor versions do not).
  env.addGlobal('fomanticLite', `/static/vendor/fomantic-lite.${fomanticLite().hash}.css`);
  env.addFilter('json', (v: unknown) => JSON.stringify(v));
  // When the page was rendered: the "updated" stamp of live pages.
  env.addGlobal('renderedAt', () => new Date());
  // `{% set href = u | weblink %}{% if href %}<a href="{{ href }}">…`: only http(s) becomes a link.
  env.addFilter('weblink', webLink);
  env.addFilter(
    'plural',
    (n: number, one: string, many?: string) => `${n} ${n === 1 ? one : (many ?? `${one}s`)}`,
  );
  // `cursor` (a list with keyset pages): `{ after }` or `{ before }`, the neighbour page's cursor.
  env.addGlobal(
    'pageUrl',
    (base: string, query: Record<string, unknown>, page: number, cursor?: Record<string, string>) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(query ?? {}))
        if (v !== undefined && v !== '' && !['page', 'after', 'before'].includes(k)) q.set(k, String(v));
      q.set('page', String(page));
      for (const [k, v] of Object.entries(cursor ?? {})) if (v) q.set(k, v);
      return `${base}?${q}`;
    },
  );
  // The whole list behind this page as a file: same filters, no page (see downloads/list-download.ts).
  env.addGlobal('downloadUrl', (current: string, format: string) => {
    const u = new URL(current || '/', 'http://x');
    u.searchParams.delete('page');
    u.searchParams.delete('page_size');
    u.searchParams.delete('after');
    u.searchParams.delete('before');
    u.searchParams.set('download', format);
    return u.pathname + u.search;
  });
  app.set('view engine', 'njk');
  return env;
}

export const PUBLIC_DIR = path.join(ROOT, 'public');
let lite: BuiltCss | undefined;
/** The Fomantic subset the layout links, built once per process on first use. */
export const fomanticLite = (): BuiltCss =>
  (lite ??= buildFomanticLite(path.join(NODE_MODULES, 'fomantic-ui-css')));
export const NODE_MODULES = path.join(ROOT, 'node_modules');
export const ASSET_VERSION = assetVersion(PUBLIC_DIR, NODE_MODULES, [
  'fomantic-ui-css',
  'jquery',
  'vis-network',
]);
