import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { seedDemoCampaigns } from '../services/demo/demo-campaigns.js';
import { seedDemoPeople } from '../services/demo/demo-people.js';
import { seedDdDemo } from '../services/demo/dd-demo.js';
import { migrateLatest } from './migration-source.js';
import { PGLITE_DEMO_TEMPLATE, PGLITE_TEMPLATE } from './pglite-template.js';

// Run by `npm run build` after tsc: writes dist/pglite-template/, an initialised embedded
// database folder with every migration applied, and dist/pglite-template-demo/, the same with the
// demo seeded as a first `npm start` would, both closed cleanly (see pglite-template.ts).
const open = (dataDir: string) =>
  knex({
    client: ClientPgLite as unknown as typeof knex.Client,
    connection: { pglite: new PGlite({ dataDir }) } as never,
  });

/** Closes `db` (a cleanly shut down database) and replaces `target` with a copy of its folder. */
async function keep(db: Knex, data: string, target: string): Promise<void> {
  await db.raw('checkpoint');
  await db.destroy();
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(data, target, { recursive: true });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-pglite-template-'));
  try {
    const data = path.join(dir, 'db');
    let db = open(data);
    const applied = await migrateLatest(db);
    await keep(db, data, PGLITE_TEMPLATE);
    fs.rmSync(`${PGLITE_TEMPLATE}.tgz`, { force: true }); // the former tar-dump template
    db = open(data);
    await seedDemoPeople(db);
    await seedDemoCampaigns(db);
    await seedDdDemo(db);
    await keep(db, data, PGLITE_DEMO_TEMPLATE);
    console.log(`embedded database templates: ${applied.length} migrations, ${PGLITE_TEMPLATE}{,-demo}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
