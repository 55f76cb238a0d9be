import type { ParamPairs } from './campaign-document.js';
import { decoded, failed, type Decoded } from './decoded.js';
import { formatJson, preview, readJsonValue } from './json-value.js';

const EXPECTED = 'Expected a JSON list of [option, value] pairs';

/** Checks the shape of already-parsed JSON; `label` prefixes messages ("Recovery 1 (pending_files): "). */
export function checkParamPairs(value: unknown, label = ''): Decoded<ParamPairs> {
  if (!Array.isArray(value)) return failed(`${label}${EXPECTED}, got ${preview(value)}`);
  const warnings: string[] = [];
  for (const [i, item] of value.entries()) {
    const strings = Array.isArray(item) && item.every((s) => typeof s === 'string');
    if (!strings || item.length < 1 || item.length > 2) {
      return failed(`${label}${EXPECTED}; item ${i + 1} is ${preview(item)}`);
    }
    if (item.length === 1) {
      warnings.push(`${label}item ${i + 1} ${preview(item)} has no value; kept as an option on its own`);
    }
  }
  return decoded(value as ParamPairs, warnings);
}

export function readParamPairs(text: string): Decoded<ParamPairs> {
  const json = readJsonValue(text);
  return json.ok ? checkParamPairs(json.value) : json;
}

export const formatParamPairs = (pairs: ParamPairs): string => formatJson(pairs);
