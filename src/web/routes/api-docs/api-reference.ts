import type { OpenApiDocument } from './openapi-document.js';

// The reference page's view of the OpenAPI document: operations grouped by tag, each with its
// parameters and body fields as short "name: type" lines.

type Json = Record<string, any>;

export interface ReferenceField {
  name: string;
  where: string;
  type: string;
  required: boolean;
  description?: string;
}

/** A short type label: string, integer ≥ 1, one of a|b, array of …, … */
export function typeLabel(s: Json | undefined): string {
  if (!s || Object.keys(s).length === 0) return 'any';
  if (s.$ref) return String(s.$ref).split('/').pop()!;
  if (s.enum) return `one of ${s.enum.map(String).join(' | ')}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return [...new Set((alts as Json[]).map(typeLabel))].join(' or ');
  if (s.type === 'array') return `array of ${typeLabel(s.items)}`;
  const bounds = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const t = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
  return bounds ? `${t} (${bounds})` : t;
}

function bodyFields(body: Json | undefined): { type: string; fields: ReferenceField[] } | null {
  if (!body) return null;
  const [type, media] = Object.entries<Json>(body.content)[0];
  const schema = media.schema ?? {};
  const required: string[] = schema.required ?? [];
  const fields = Object.entries<Json>(schema.properties ?? {}).map(([name, s]) => ({
    name,
    where: 'body',
    type: typeLabel(s),
    required: required.includes(name),
    description: s.description,
  }));
  return { type, fields };
}

export function apiReference(doc: OpenApiDocument) {
  const groups = new Map<string, Json[]>();
  for (const [path, item] of Object.entries<Json>(doc.paths))
    for (const [method, op] of Object.entries<Json>(item)) {
      const tag = op.tags?.[0] ?? 'other';
      const params: ReferenceField[] = (op.parameters ?? []).map((p: Json) => ({
        name: p.name,
        where: p.in,
        type: typeLabel(p.schema),
        required: !!p.required,
        description: p.description,
      }));
      const statuses = Object.keys(op.responses);
      groups.set(tag, [
        ...(groups.get(tag) ?? []),
        {
          id: op.operationId,
          method: method.toUpperCase(),
          path,
          summary: op.summary,
          params,
          body: bodyFields(op.requestBody),
          success: statuses.find((s) => s.startsWith('2')) ?? '200',
          errors: statuses.filter((s) => !s.startsWith('2')),
          public: Array.isArray(op.security) && op.security.length === 0,
        },
      ]);
    }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, ops]) => ({ tag, ops }));
}
