import * as z from 'zod';
import {
  STAGE_FIELD_CODECS,
  STAGE_FIELD_KEYS,
  STAGE_FIELD_PROP,
  type StageFieldKey,
  type StageFields,
} from '../../domain/ini/index.js';

// The stage settings as the forms and the API take them: keyed by their .ini names
// (vo_role, software_version, dataset_or_split_data, cs_split_type, ...), each value either typed
// JSON (95, true, [["-c ", "x.cfg"]]) or the text a form or an .ini file holds ("95", "True",
// '[["-c ", "x.cfg"]]'). Both are checked by the .ini codecs, so forms, API and files accept the
// same values. Absent, null or "" means "inherit the campaign default"; the text `None` is the
// explicit "none" of dataset_or_split_data, cs_split_type and test_split_type.

function asText(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function fieldValue(key: StageFieldKey) {
  return z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null) return undefined;
    const text = asText(v);
    if (text === '') return undefined;
    if (text.includes('\u0000')) {
      ctx.addIssue({ code: 'custom', message: 'must not contain NUL characters' });
      return z.NEVER;
    }
    const read = STAGE_FIELD_CODECS[key].read(text);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: read.message });
      return z.NEVER;
    }
    return read.value;
  });
}

const shape = Object.fromEntries(STAGE_FIELD_KEYS.map((k) => [k, fieldValue(k).optional()])) as Record<
  StageFieldKey,
  z.ZodOptional<ReturnType<typeof fieldValue>>
>;

/** Parsed values keyed by .ini name; turn into StageFields with `toStageFields`. */
export const stageFieldsShape = shape;
export const stageFieldsInput = z.strictObject(shape).transform((v) => toStageFields(v));

export function toStageFields(values: Partial<Record<StageFieldKey, unknown>>): StageFields {
  const out: Record<string, unknown> = {};
  for (const key of STAGE_FIELD_KEYS) if (values[key] !== undefined) out[STAGE_FIELD_PROP[key]] = values[key];
  return out as StageFields;
}

/** Stage fields keyed by .ini name, as typed JSON (what the API answers; PUT takes it back). */
export function fieldsByKey(fields: StageFields): Partial<Record<StageFieldKey, unknown>> {
  const out: Partial<Record<StageFieldKey, unknown>> = {};
  for (const key of STAGE_FIELD_KEYS) {
    const value = fields[STAGE_FIELD_PROP[key]];
    if (value !== undefined) out[key] = value === null ? 'None' : value;
  }
  return out;
}

/** Stage fields keyed by .ini name, as the text a form field shows. */
export function fieldsAsText(fields: StageFields): Partial<Record<StageFieldKey, string>> {
  const out: Partial<Record<StageFieldKey, string>> = {};
  for (const key of STAGE_FIELD_KEYS) {
    const value = fields[STAGE_FIELD_PROP[key]];
    if (value !== undefined) out[key] = STAGE_FIELD_CODECS[key].format(value);
  }
  return out;
}
