import { isStageFieldKey, STAGE_FIELD_CODECS } from '../../../domain/ini/index.js';

/**
 * Stage fields by .ini key (typed, as the API answers) → the text their form fields hold, as the
 * .ini codecs write it (True/False, JSON pairs, None), so that a form posted back reads the same.
 */
export function fieldText(values: Record<string, unknown> | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined) continue;
    out[key] = isStageFieldKey(key) ? STAGE_FIELD_CODECS[key].format(value) : String(value);
  }
  return out;
}
