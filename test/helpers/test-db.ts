import crypto from 'node:crypto';
import knex from 'knex';
import type { Knex } from 'knex';
import { inject } from 'vitest';
import { createDb } from '../../src/db/create-db.js';
import { migrateLatest } from '../../src/db/migration-source.js';
import { seedDemoPeople } from '../../src/services/demo/demo-people.js';

export interface TestDb {
  db: Knex;
  kind: 'pg' | 'pglite';
  url: string | undefined;
  /** Drops the per-file database (real PostgreSQL) and closes connections. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: its own database on the shared PostgreSQL server,
 * or an in-memory PGlite. `seed` adds the demo experiment and users.
 */
export async function createTestDb(
  opts: { seed?: boolean; migrate?: boolean; pglite?: boolean } = {},
): Promise<TestDb> {
  const info = inject('db');
  let db: Knex;
  let url: string | undefined;
  let drop = async () => {};
  if (opts.pglite || info.kind === 'pglite' || !info.url) {
    db = createDb({});
  } else {
    const name = `poms_t_${crypto.randomBytes(5).toString('hex')}`;
    const admin = knex({ client: 'pg', connection: info.url, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${name}`);
    await admin.destroy();
    const u = new URL(info.url);
    u.pathname = `/${name}`;
    url = u.toString();
    db = createDb({ url, poolMax: 8 });
    drop = async () => {
      const a = knex({ client: 'pg', connection: info.url!, pool: { min: 0, max: 1 } });
      await a.raw(`drop database if exists ${name} with (force)`);
      await a.destroy();
    };
  }
  if (opts.migrate !== false) await migrateLatest(db);
  if (opts.seed) await seedDemoPeople(db);
  return {
    db,
    kind: url ? 'pg' : 'pglite',
    url,
    async destroy() {
      await db.destroy();
      await drop();
    },
  };
}
