import { decoded, failed, type Decoded } from './decoded.js';
import { formatJson, preview, readJsonValue } from './json-value.js';

/** `campaign_keywords`: a JSON object whose values are text (used for `%(key)s`). */
export function readKeywords(text: string): Decoded<Record<string, string>> {
  const json = readJsonValue(text);
  if (!json.ok) return json;
  const value = json.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return failed(`Expected a JSON object of keyword: text, got ${preview(value)}`);
  }
  const entries = Object.entries(value);
  const bad = entries.find(([, v]) => typeof v !== 'string');
  if (bad) return failed(`Keyword '${bad[0]}' must be text, got ${preview(bad[1])}`);
  return decoded(Object.fromEntries(entries) as Record<string, string>);
}

export const formatKeywords = (keywords: Record<string, string>): string => formatJson(keywords);
