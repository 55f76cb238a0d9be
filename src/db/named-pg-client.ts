import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { statementName } from './prepared.js';

interface QueryObject {
  sql: string;
  options?: Record<string, unknown>;
}
type PgClientClass = new (config: Knex.Config) => {
  query(connection: unknown, obj: QueryObject): Promise<unknown>;
};
// knex's own PostgreSQL client (CommonJS, no typings of its own for this path).
const ClientPg = createRequire(import.meta.url)('knex/lib/dialects/postgres/index.js') as PgClientClass;

/**
 * knex's PostgreSQL client, naming a query marked `prepare` (prepared.ts) from the SQL text it is
 * about to run, which knex has already compiled: marking a query costs no second compile, and a
 * transaction's client (knex derives it from this class) names its queries the same way.
 */
export class NamedPgClient extends ClientPg {
  /** On the prototype, so a transaction's client (made from it) says so too. */
  get namesPrepared(): boolean {
    return true;
  }

  override query(connection: unknown, obj: QueryObject): Promise<unknown> {
    if (obj.options?.prepare) {
      const { prepare: _marked, ...rest } = obj.options;
      const name = statementName(obj.sql);
      obj.options = name ? { ...rest, name } : rest;
    }
    return super.query(connection, obj);
  }
}
