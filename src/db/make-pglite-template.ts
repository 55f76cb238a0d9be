import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { migrateLatest } from './migration-source.js';
import { PGLITE_TEMPLATE } from './pglite-template.js';

// Run by `npm run build` after tsc: writes dist/pglite-template.tgz, an initialised embedded
// database with every migration applied (see pglite-template.ts).
async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-pglite-template-'));
  try {
    const pglite = new PGlite({ dataDir: path.join(dir, 'db') });
    const db = knex({
      client: ClientPgLite as unknown as typeof knex.Client,
      connection: { pglite } as never,
    });
    const applied = await migrateLatest(db);
    const tar = await pglite.dumpDataDir('gzip');
    fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await tar.arrayBuffer()));
    await db.destroy();
    console.log(`embedded database template: ${applied.length} migrations, ${PGLITE_TEMPLATE}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
