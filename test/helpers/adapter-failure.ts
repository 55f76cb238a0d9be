import { expect } from 'vitest';
import { AdapterError } from '../../src/adapters/adapter-error.js';

/** The AdapterError `p` rejects with (failing the test when it resolves or rejects otherwise). */
export async function failure(p: Promise<unknown>): Promise<AdapterError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AdapterError);
  return e as AdapterError;
}
