import { AdapterError } from '../adapter-error.js';
import { LensAnswerError, type LensGraphqlError } from './query/index.js';

/** How Lens says a submission does not exist (`no submission found with the given pomsTaskId`). */
const NOT_FOUND = /no submission found|not found/i;

export const isNotFound = (errors: LensGraphqlError[]): boolean =>
  errors.length > 0 && errors.every((e) => NOT_FOUND.test(e.message));

/** GraphQL errors as one AdapterError: `not_found` when they all say so, else `rejected`. */
export function graphqlError(errors: LensGraphqlError[], operation: string, raw?: string): AdapterError {
  const text = errors
    .map((e) => (e.path?.length ? `${e.path.join('.')}: ${e.message}` : e.message))
    .join('; ');
  return new AdapterError(isNotFound(errors) ? 'not_found' : 'rejected', 'lens', `${operation}: ${text}`, {
    operation,
    ...(raw === undefined ? {} : { raw }),
  });
}

/** Runs a query/ parser: its LensAnswerError becomes `malformed` with the raw answer. */
export function parsed<T>(parse: () => T, operation: string): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof LensAnswerError)
      throw new AdapterError('malformed', 'lens', `${operation}: ${e.message}`, {
        raw: e.raw,
        operation,
        cause: e,
      });
    throw e;
  }
}
