import { MAX_JSON_DEPTH, shallowEnough } from '../../lib/json-depth.js';
import { decoded, failed, type Decoded } from './decoded.js';

const isWrapped = (text: string) => text.length >= 2 && text.startsWith('"') && text.endsWith('"');

// Every JSON value of a file passes here: nesting is bounded before anything walks the value.
function tryJson(text: string): Decoded<unknown> {
  if (!shallowEnough(text)) return failed(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return decoded(JSON.parse(text) as unknown);
  } catch (e) {
    return failed((e as Error).message);
  }
}

/**
 * Reads a JSON value written bare (`[]`) or wrapped in double quotes (`"[]"`, real files have both).
 * A wrapped value is read as a JSON string holding JSON, or else as the raw text between the quotes.
 */
export function readJsonValue(text: string): Decoded<unknown> {
  const whole = tryJson(text);
  if (whole.ok) {
    if (typeof whole.value === 'string' && isWrapped(text)) {
      const inner = tryJson(whole.value);
      if (inner.ok) return inner;
    }
    return whole;
  }
  if (isWrapped(text)) {
    const inner = tryJson(text.slice(1, -1));
    if (inner.ok) return inner;
  }
  if (whole.message.startsWith('JSON nested deeper')) return whole;
  return failed(`Not valid JSON (${whole.message})`);
}

/** Short JSON text of a value for messages. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Compact JSON with Python's default separators (`", "` and `": "`), as the original wrote. */
export function formatJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${formatJson(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return JSON.stringify(value);
}
