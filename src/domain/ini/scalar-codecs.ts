// Codecs for one-word .ini values. Readers get the trimmed value text; writers return the text.

import type { CompletionType, StageType, VoRole } from './campaign-document.js';
import { decoded, failed, type Decoded } from './decoded.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Names and references must fit on one line. */
export function readOneLine(text: string): Decoded<string> {
  return text.includes('\n') ? failed('Expected a value on one line') : decoded(text);
}

/** True/False in any letter case (the original wrote `True` and `False`). */
export function readBoolean(text: string): Decoded<boolean> {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return decoded(lower === 'true');
  return failed(`Expected True or False, got '${text}'`);
}

export const formatBoolean = (value: boolean): string => (value ? 'True' : 'False');

export function readCompletionPct(text: string): Decoded<number> {
  const pct = NUMBER.test(text) ? Number(text) : NaN;
  if (pct > 0 && pct <= 100) return decoded(pct);
  return failed(`Expected a percentage greater than 0 and at most 100, got '${text}'`);
}

export function readAncestorDepth(text: string): Decoded<number> {
  const depth = /^\+?\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(depth) && depth >= 1) return decoded(depth);
  return failed(`Expected a whole number of at least 1, got '${text}'`);
}

/** Hours without a located file before a stage counts as stalled: a whole number, 1 to 720. */
export function readStallHours(text: string): Decoded<number> {
  const hours = /^\+?\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(hours) && hours >= 1 && hours <= 720) return decoded(hours);
  return failed(`Expected a whole number of hours from 1 to 720, got '${text}'`);
}

export const formatNumber = (value: number): string => String(value);

/** Case-insensitive choice among `options`, returned in the spelling of `options`. */
function choice<T extends string>(options: readonly T[], expected: string) {
  return (text: string): Decoded<T> => {
    const found = options.find((o) => o.toLowerCase() === text.toLowerCase());
    return found ? decoded(found) : failed(`Expected ${expected}, got '${text}'`);
  };
}

export const VO_ROLES: readonly VoRole[] = ['Production', 'Analysis'];
export const COMPLETION_TYPES: readonly CompletionType[] = ['located', 'complete'];
export const STAGE_TYPES: readonly StageType[] = ['regular', 'generator', 'approval', 'datatransfer', 'test'];

export const readVoRole = choice(VO_ROLES, 'Production or Analysis');
export const readCompletionType = choice(COMPLETION_TYPES, 'located or complete');
export const readStageType = choice(STAGE_TYPES, `one of ${STAGE_TYPES.join(', ')}`);

/** `None` in any letter case is the explicit "none" (null); anything else is kept as written. */
export const readNoneable = (text: string): Decoded<string | null> =>
  decoded(text.toLowerCase() === 'none' ? null : text);

export const formatNoneable = (value: string | null): string => value ?? 'None';
