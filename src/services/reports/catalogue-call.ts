import { isAdapterError } from '../../adapters/adapter-error.js';
import { AppError, invalid } from '../../lib/errors.js';

const serviceName = (language: string) => (language === 'MQL' ? 'MetaCat' : 'SAM');

/**
 * Runs a file page's catalogue calls: a query the catalogue refused is the caller's mistake (400
 * naming `queryField`, when the page took a query), the catalogue down a 503, never a 500.
 */
export async function catalogueCall<T>(
  language: string,
  queryField: string | null,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const name = serviceName(language);
    if (queryField && (isAdapterError(e, 'not_found') || isAdapterError(e, 'rejected')))
      throw invalid(`${name} refused this query: ${e.message}`, [{ field: queryField, message: e.message }]);
    if (isAdapterError(e)) throw new AppError('unavailable', `${name} unavailable: ${e.message}`);
    throw e;
  }
}
