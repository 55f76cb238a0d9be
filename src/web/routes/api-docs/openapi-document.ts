import * as z from 'zod';
import type { RegisteredApi } from '../../api-registry.js';
import { components, ERROR_RESPONSES } from './openapi-components.js';

// The OpenAPI 3.1 document, generated from the zod schemas `api()` registered (the same schemas that
// validate the requests): nothing is written by hand but the shared components.

type Json = Record<string, any>;

export interface OpenApiOptions {
  version: string;
  /** Routes anyone may call (no credentials). */
  publicRoutes?: ReadonlyArray<string>;
}

/** `/a/:b/c` → `/a/{b}/c`; the names of its path parameters. */
export function openApiPath(expressPath: string): { path: string; names: string[] } {
  const names: string[] = [];
  const path = expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, n: string) => {
    names.push(n);
    return `{${n}}`;
  });
  return { path, names };
}

/** JSON Schema of a zod schema as a client sends it (io: input); unrepresentable parts are `{}`. */
function jsonSchema(schema: z.ZodType, defs: Json, prefix: string): Json {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  delete out.$schema;
  const local = out.$defs as Json | undefined;
  delete out.$defs;
  if (!local) return out;
  // Hoist definitions into components so that every $ref resolves from the document root.
  const rename = (k: string) => `${prefix}_${k}`.replace(/[^A-Za-z0-9._-]/g, '_');
  for (const [k, v] of Object.entries(local)) defs[rename(k)] = v;
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) =>
        k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/')
          ? [k, `#/components/schemas/${rename(x.slice(8))}`]
          : [k, rewrite(x)],
      ),
    );
  };
  for (const k of Object.keys(local)) defs[rename(k)] = rewrite(defs[rename(k)]);
  return rewrite(out) as Json;
}

function parametersOf(r: RegisteredApi, names: string[], defs: Json, id: string): Json[] {
  const out: Json[] = [];
  const params = r.params ? jsonSchema(r.params, defs, `${id}_params`) : { properties: {} };
  for (const name of names)
    out.push({ name, in: 'path', required: true, schema: params.properties?.[name] ?? { type: 'string' } });
  if (r.query) {
    const q = jsonSchema(r.query, defs, `${id}_query`);
    const required: string[] = q.required ?? [];
    for (const [name, schema] of Object.entries<Json>(q.properties ?? {}))
      out.push({
        name,
        in: 'query',
        required: required.includes(name),
        schema,
        ...(schema.description ? { description: schema.description } : {}),
      });
  }
  return out;
}

function requestBodyOf(r: RegisteredApi, defs: Json, id: string): Json | undefined {
  if (r.bodyType === 'text')
    return { required: true, content: { 'text/plain': { schema: { type: 'string' } } } };
  if (!r.body) return undefined;
  const schema = jsonSchema(r.body, defs, `${id}_body`);
  const type = r.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  return { required: (schema.required ?? []).length > 0, content: { [type]: { schema } } };
}

function successOf(r: RegisteredApi, defs: Json, id: string): Json {
  if (r.status === 204) return { description: 'Done (no content)' };
  const paged = r.query && 'page' in ((jsonSchema(r.query, {}, id).properties as Json) ?? {});
  const schema = r.response
    ? jsonSchema(r.response, defs, `${id}_response`)
    : paged
      ? { $ref: '#/components/schemas/Page' }
      : {};
  return { description: r.summary, content: { 'application/json': { schema } } };
}

export function buildOpenApi(routes: readonly RegisteredApi[], opts: OpenApiOptions) {
  const defs: Json = {};
  const paths: Record<string, Json> = {};
  const isPublic = new Set(opts.publicRoutes ?? []);
  const sorted = [...routes].sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
  );
  for (const r of sorted) {
    const { path, names } = openApiPath(r.path);
    const id = `${r.method}${path.replace(/[^A-Za-z0-9]+/g, '_')}`.replace(/_+$/, '');
    const errors = new Set<string>();
    if (r.params || r.query || r.body || r.bodyType !== 'json') errors.add('400');
    if (!isPublic.has(`${r.method} ${r.path}`)) ['401', '403', '429'].forEach((s) => errors.add(s));
    if (names.length) errors.add('404');
    const responses: Json = { [String(r.status)]: successOf(r, defs, id) };
    for (const s of [...errors].sort())
      responses[s] = { $ref: `#/components/responses/${ERROR_RESPONSES[s].name}` };
    const body = requestBodyOf(r, defs, id);
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: id,
      summary: r.summary,
      tags: [r.tag],
      parameters: parametersOf(r, names, defs, id),
      ...(body ? { requestBody: body } : {}),
      responses,
      ...(isPublic.has(`${r.method} ${r.path}`) ? { security: [] } : {}),
    };
  }
  const tags = [...new Set(sorted.map((r) => r.tag))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'POMS API',
      version: opts.version,
      description:
        'Production Operations Management Service. Authenticate with `Authorization: Bearer <token>` (tokens from /profile). Errors answer `{error: {code, message, details[]}}`; lists answer `{items, page, pageSize, total, pages}`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags,
    paths,
    components: { ...components, schemas: { ...components.schemas, ...defs } },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApi>;
