import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import knex from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import ClientPgLite from 'knex-pglite';
import { NamedPgClient } from './named-pg-client.js';
import { embeddedConnection } from './pglite-template.js';

export type Db = Knex;
export type DbKind = 'pg' | 'pglite';

// int8 (bigint ids, count(*)) arrive as strings from node-postgres and as numbers from PGlite;
// every id and count here stays below 2^53, so both paths return numbers.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// numeric: percentages and sums; plain numbers are what callers expect.
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export interface DbOptions {
  /** postgres:// URL; empty means embedded PGlite. */
  url?: string;
  /** Folder for the embedded database; ':memory:' keeps it in memory. */
  embeddedDir?: string;
  poolMax?: number;
  /** The demo is seeded: a new embedded database then starts from the build's demo template. */
  demo?: boolean;
}

/**
 * Every session runs without parallel query: POMS's statements are bounded (a page, a batch), and
 * on a small server PostgreSQL's two workers cost more to start than they save. A campaign's time
 * bars counted ~1,000 submissions in 0.45 ms per process and waited ~6 ms for the workers (LARGE,
 * EXPLAIN ANALYZE); the page took 14.9 ms instead of 28.4 with them off.
 */
const SESSION_OPTIONS = '-c max_parallel_workers_per_gather=0';

export function dbKind(db: Db): DbKind {
  return db.client instanceof NamedPgClient ? 'pg' : 'pglite';
}

export function createDb(opts: DbOptions): Db {
  if (opts.url) {
    return knex({
      client: NamedPgClient as unknown as typeof knex.Client,
      connection: { connectionString: opts.url, options: SESSION_OPTIONS },
      pool: { min: 0, max: opts.poolMax ?? 10 },
      acquireConnectionTimeout: 30_000,
    });
  }
  // PGlite is 9 MB of WebAssembly. V8 compiles it fast (Liftoff), then recompiles hot functions
  // optimised (TurboFan) on background threads, keeping both copies: on 2 busy cores that second
  // compile slowed the first second of queries ~4× and held ~60 MB more. Liftoff code alone opened
  // the database in 1.5 s instead of 2.5 s and ran a loop of page queries faster even after them.
  // It applies to WebAssembly compiled from here on (there is none in the server mode).
  v8.setFlagsFromString('--liftoff-only');
  const dir = opts.embeddedDir ?? ':memory:';
  if (dir !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  return knex({
    client: ClientPgLite as unknown as typeof knex.Client,
    connection: (dir === ':memory:' ? {} : embeddedConnection(dir, opts.demo)) as Knex.StaticConnectionConfig,
    acquireConnectionTimeout: 60_000,
  });
}

/** Fails with a message naming the database when it cannot be reached. */
export async function checkConnection(db: Db, label: string): Promise<void> {
  try {
    await db.raw('select 1');
  } catch (e) {
    throw new Error(`cannot reach the database ${label}: ${(e as Error).message}`, { cause: e });
  }
}

export function describeDb(opts: DbOptions): string {
  if (!opts.url) return `embedded PGlite (${opts.embeddedDir ?? ':memory:'})`;
  try {
    const u = new URL(opts.url);
    return `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}
