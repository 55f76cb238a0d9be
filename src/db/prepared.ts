import crypto from 'node:crypto';
import type { Knex } from 'knex';

/** A star in the select list: its columns are fixed when prepared, so a migration would break it. */
const STAR = /(?:select|,)\s*(?:distinct\s+)?(?:"?\w+"?\.)?\*/i;
const names = new Map<string, string>();

/**
 * The statement's name when `sql` may be prepared: one per statement text, so a connection
 * prepares it once and PostgreSQL skips parsing (and, once its generic plan is as cheap, planning)
 * on every later run. Null for a text selecting `*` (see STAR).
 */
export function statementName(sql: string): string | null {
  let name = names.get(sql);
  if (name === undefined) {
    name = STAR.test(sql) ? '' : `poms_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (names.size < 1000) names.set(sql, name);
  }
  return name || null;
}

/**
 * Runs `q` as a named prepared statement on PostgreSQL (node-pg prepares a named query once per
 * connection and binds its parameters after): for hot reads whose text does not vary with their
 * values (lists as `= any(?)`, never as `in (?, ?, …)`), whose plan suits every value (keys, not
 * ranges whose selectivity varies) and whose columns are named. The query is only marked here; the
 * client names it from the SQL it compiles to run it (named-pg-client.ts), so it is compiled once.
 * Embedded PGlite runs it as is.
 */
export function prepared<Q extends Knex.QueryBuilder | Knex.Raw>(q: Q): Q {
  const client = (q as unknown as { client: { namesPrepared?: boolean } }).client;
  return client.namesPrepared ? (q.options({ prepare: true }) as Q) : q;
}
