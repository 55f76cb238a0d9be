import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// Static assets: the layout links versioned URLs cached for a year; unversioned and older-version
// URLs still answer, shortly cached; answers are compressed for clients that accept it.
describe('static assets and compression', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('links content-versioned asset URLs that may be cached for a year', async () => {
    const html = await (await fetch(`${app.url}/sign-in`)).text();
    const css = /href="(\/static\/v-([0-9a-f]{10})\/css\/poms\.css)"/.exec(html);
    expect(css, 'versioned stylesheet link').not.toBeNull();
    expect(html).toContain(`src="/static/v-${css![2]}/js/layout.js"`);
    const versioned = await fetch(app.url + css![1]);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await versioned.text()).toBe(await (await fetch(`${app.url}/static/css/poms.css`)).text());

    const plain = await fetch(`${app.url}/static/css/poms.css`);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=3600');
    const older = await fetch(`${app.url}/static/v-0000000000/css/poms.css`);
    expect(older.status).toBe(200);
    expect(older.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('links the built Fomantic subset by its content hash, cached for a year', async () => {
    const html = await (await fetch(`${app.url}/sign-in`)).text();
    const link = /href="(\/static\/vendor\/fomantic-lite\.([0-9a-f]{10})\.css)"/.exec(html);
    expect(link, 'content-hashed Fomantic link').not.toBeNull();
    const hashed = await fetch(app.url + link![1]);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('content-type')).toMatch(/^text\/css/);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const text = await hashed.text();
    // the name is the content's hash: a change of the built text changes the URL
    expect(crypto.createHash('sha1').update(text).digest('hex').slice(0, 10)).toBe(link![2]);
    for (const other of ['/static/vendor/fomantic-lite.css', '/static/vendor/fomantic-lite.0123456789.css']) {
      const r = await fetch(app.url + other);
      expect(r.status, other).toBe(200);
      expect(r.headers.get('cache-control'), other).toBe('public, max-age=3600');
      expect(await r.text(), other).toBe(text);
    }
    const etag = hashed.headers.get('etag')!;
    expect((await fetch(app.url + link![1], { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('compresses pages and assets for clients that accept it', async () => {
    for (const p of ['/sign-in', '/vendor/jquery/jquery.min.js']) {
      const r = await fetch(app.url + p, { headers: { 'accept-encoding': 'gzip' } });
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-encoding'), p).toBe('gzip');
    }
    const raw = await fetch(`${app.url}/vendor/jquery/jquery.min.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(raw.headers.get('content-encoding')).toBeNull();
  });
});
