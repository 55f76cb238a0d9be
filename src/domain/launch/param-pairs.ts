import { invalid } from '../../lib/errors.js';

/** One job-type parameter: the option text (e.g. "-c ", "--stage=", "") and its value. */
export type ParamPair = readonly [option: string, value: string];

/** Pairs as stored: a list, its JSON text (campaign defaults may hold a string), or nothing. */
export type ParamPairsInput = ReadonlyArray<ParamPair> | string | null | undefined;

/** Reads pairs, refusing anything that is not a list of [option, value] string pairs; names `field`. */
export function toParamPairs(input: ParamPairsInput, field: string): ParamPair[] {
  if (input === null || input === undefined) return [];
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.trim() === '') return [];
    try {
      value = JSON.parse(input);
    } catch (e) {
      throw bad(field, `${field} is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (value === null) return [];
  if (!Array.isArray(value)) throw bad(field, `${field} must be a list of [option, value] pairs`);
  return value.map((pair: unknown, i) => {
    if (Array.isArray(pair) && pair.length === 2 && pair.every((s) => typeof s === 'string')) {
      return [pair[0], pair[1]] as const;
    }
    throw bad(
      field,
      `${field} item ${i + 1} must be [option, value] with two strings, got ${JSON.stringify(pair)}`,
    );
  });
}

function bad(field: string, message: string) {
  return invalid(message, [{ field, message }]);
}
