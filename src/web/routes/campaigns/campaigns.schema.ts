import * as z from 'zod';
import { STAGE_FIELD_KEYS } from '../../../domain/ini/index.js';

/** A row id from the address: a positive whole number that fits PostgreSQL's integer. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647);

export const experimentParams = z.object({ exp: z.string().min(1) });
export const campaignParams = experimentParams.extend({ id: rowId });
export const campaignTagParams = campaignParams.extend({ tag: z.string().min(1) });
export const sampleParams = experimentParams.extend({ sample: z.string().regex(/^[a-z0-9-]+$/) });

/** List filters; a bad value is ignored rather than refused (they come from links and forms). */
export const campaignFilterQuery = z.object({
  name: z.string().trim().max(200).optional().catch(undefined),
  tag: z.string().trim().max(100).optional().catch(undefined),
  creator: z.string().trim().max(64).optional().catch(undefined),
  state: z.enum(['active', 'inactive', 'all']).optional().catch(undefined),
  owner: z.enum(['mine', 'all']).optional().catch(undefined),
});

export const activeBody = z.object({
  active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});

/** A form field repeated (several inputs of one name) arrives as an array, once as a string. */
export const many = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
/** A checkbox after its hidden "false" twin: the last value sent wins. */
export const last = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);

/** Rows of two repeated inputs as pairs; rows whose first cell is empty are dropped. */
export function rows(first: unknown, second: unknown): string[][] {
  const a = many(first);
  const b = many(second);
  return a.map((x, i) => [x, b[i] ?? '']).filter(([x]) => x.trim() !== '');
}

/** Stage fields posted under their .ini names, optionally prefixed (`defaults.vo_role`). */
export function stageFieldsFromForm(body: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of STAGE_FIELD_KEYS) if (body[prefix + key] !== undefined) out[key] = body[prefix + key];
  return out;
}

/** The campaign form → the campaignInput shape (the API takes that shape as JSON). */
export function campaignFromForm(body: Record<string, unknown>) {
  return {
    name: body.name,
    active: last(body.active) ?? 'false',
    // The form always sends the box (a hidden "false" first); other form posts leave it alone.
    test_campaign: last(body.test_campaign),
    keywords: Object.fromEntries(rows(body.keyword_name, body.keyword_value).map(([k, v]) => [k.trim(), v])),
    defaults: stageFieldsFromForm(body, 'defaults.'),
  };
}

/** The import form: the .ini text pasted or read from the chosen file by the page script. */
export const importForm = z.object({ ini: z.string() });

/** The clone form: new name and the stage renaming (an emptied `from` prefixes every stage). */
export const cloneFromForm = (body: Record<string, unknown>) => ({
  name: body.name,
  from: body.from,
  to: body.to,
});
