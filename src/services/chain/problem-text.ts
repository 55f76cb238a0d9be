import { AdapterError } from '../../adapters/adapter-error.js';
import { AppError } from '../../lib/errors.js';

/** The message of an error a Check chain reports instead of failing (bad input, SAM refusals); rethrows the rest. */
export function reportable(e: unknown): string {
  if (e instanceof AppError || e instanceof AdapterError) return e.message;
  throw e;
}

/** How many file names a Check chain shows of each selection. */
export const FIRST_FILES = 5;
