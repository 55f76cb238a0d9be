import { isAdapterError } from '../adapter-error.js';

/** A `not_found` failure (404: no such file, definition, project…) as null. */
export async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isAdapterError(e, 'not_found')) return null;
    throw e;
  }
}
