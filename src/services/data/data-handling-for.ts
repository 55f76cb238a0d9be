import type { Knex } from 'knex';
import { isDataServiceKind, type DataServiceKind } from '../../domain/files/data-service-kind.js';
import { AppError } from '../../lib/errors.js';
import type { DataHandling, DataHandlingFor } from './data-handling.js';

/**
 * Each experiment's data handling by its `data_service` (read at each call: root may switch it);
 * an unknown experiment gets SAM's, as before data services existed.
 */
export function dataHandlingFor(
  db: Knex,
  handlings: Partial<Record<DataServiceKind, DataHandling>>,
): DataHandlingFor {
  return async (experiment) => {
    const row = await db('experiments').where({ experiment }).first('data_service');
    const kind: DataServiceKind = isDataServiceKind(row?.data_service) ? row.data_service : 'sam';
    const h = handlings[kind];
    if (!h)
      throw new AppError(
        'unavailable',
        `${experiment} uses ${kind === 'sam' ? 'SAM' : 'MetaCat'}, which is not configured on this instance`,
      );
    return h;
  };
}
