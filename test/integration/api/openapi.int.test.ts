import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness.js';

type Json = Record<string, any>;
interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
  rawPath?: unknown;
}

/** Every (method, path) the Express app answers, walking its router stack (mount paths included). */
function appRoutes(stack: Layer[], prefix = ''): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths)
        for (const m of Object.keys(layer.route.methods))
          if (m !== '_all' && m !== 'head') out.push({ method: m, path: prefix + p });
    } else if (layer.handle?.stack) {
      const mount =
        !layer.slash && typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...appRoutes(layer.handle.stack, prefix + mount));
    }
  }
  return out;
}

/** Resolves a local JSON pointer (#/a/b) in the document. */
function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), doc);
}

function refsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push(x);
      else refsIn(x, out);
    }
  return out;
}

describe('the OpenAPI document', () => {
  let h: ApiHarness;
  let doc: Json;
  beforeAll(async () => {
    h = await startApiHarness();
    // Public: no credentials at all.
    const res = await fetch(`${h.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Json;
  });
  afterAll(async () => h?.close());

  it('is OpenAPI 3.1 with the shared error and pagination shapes as components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'POMS API', version: expect.any(String) });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'details']);
    expect(doc.components.schemas.Page.required).toEqual(['items', 'page', 'pageSize', 'total', 'pages']);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives every operation a success answer, and resolves every $ref', () => {
    const ops = Object.entries<Json>(doc.paths).flatMap(([p, item]) =>
      Object.entries<Json>(item).map(([m, op]) => ({ p, m, op })),
    );
    expect(ops.length).toBeGreaterThan(40);
    for (const { p, m, op } of ops) {
      const statuses = Object.keys(op.responses ?? {});
      expect(
        statuses.some((s) => s.startsWith('2')),
        `${m} ${p} has a success answer`,
      ).toBe(true);
      expect(op.operationId, `${m} ${p}`).toBeTruthy();
    }
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolve(doc, ref), `${ref} resolves`).toBeDefined();
  });

  it('declares every path parameter of every path', () => {
    for (const [p, item] of Object.entries<Json>(doc.paths)) {
      const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [m, op] of Object.entries<Json>(item)) {
        const declared = (op.parameters ?? []).filter((x: Json) => x.in === 'path');
        for (const n of names)
          expect(
            declared.some((x: Json) => x.name === n && x.required === true),
            `${m} ${p} declares {${n}}`,
          ).toBe(true);
        expect(declared.length, `${m} ${p} has no extra path parameters`).toBe(names.length);
      }
    }
  });

  it('lists every /api/v1 route the app answers, and nothing it does not', () => {
    const live = appRoutes((h.app as unknown as { router: { stack: Layer[] } }).router.stack)
      .filter((r) => r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')}`);
    expect(live.length).toBeGreaterThan(40);
    const documented = Object.entries<Json>(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m} ${p}`),
    );
    const missing = [...new Set(live)].filter((r) => !documented.includes(r));
    expect(missing, 'routes not in the OpenAPI document (declare them with api())').toEqual([]);
    expect(documented.filter((d) => !live.includes(d))).toEqual([]);
  });

  it('documents bodies, queries and answers from the zod schemas', () => {
    const create = doc.paths['/api/v1/tokens'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['name', 'max_role']));
    expect(body.properties.max_role.enum).toEqual([
      'analysis',
      'production-shifter',
      'production',
      'superuser',
    ]);
    expect(create.responses['201'].content['application/json'].schema.properties.token).toBeDefined();
    expect(create.responses['401']).toEqual({ $ref: '#/components/responses/Unauthenticated' });
    const list = doc.paths['/api/v1/experiments/{exp}/campaigns'].get;
    expect(list.parameters.map((x: Json) => `${x.in}:${x.name}`)).toEqual(
      expect.arrayContaining(['path:exp', 'query:page', 'query:page_size', 'query:name']),
    );
    expect(list.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Page',
    });
    const imp = doc.paths['/api/v1/experiments/{exp}/campaigns/import'].post;
    expect(Object.keys(imp.requestBody.content)).toEqual(['text/plain']);
    expect(doc.paths['/api/v1/openapi.json'].get.security).toEqual([]);
  });

  it('has a readable reference page grouped by tag, without any script from elsewhere', async () => {
    const res = await fetch(`${h.url}/api/docs`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const tag of ['campaigns', 'launches', 'tokens', 'submissions', 'files'])
      expect(html).toContain(`id="tag-${tag}"`);
    expect(html).toContain('/api/v1/experiments/{exp}/stages/{id}/launch');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });
});
