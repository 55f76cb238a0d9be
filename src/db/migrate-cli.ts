import { loadConfig } from '../config/load-config.js';
import { checkConnection, createDb, describeDb } from './create-db.js';
import { migrateLatest, rollbackAll } from './migration-source.js';

// `npm run db:migrate` applies pending migrations; `npm run db:migrate -- --rollback-all` undoes all.
const config = loadConfig();
const opts = { url: config.database.url, embeddedDir: config.database.embedded_dir };
const db = createDb(opts);
try {
  await checkConnection(db, describeDb(opts));
  if (process.argv.includes('--rollback-all')) {
    await rollbackAll(db);
    console.log('rolled back every migration');
  } else {
    const applied = await migrateLatest(db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
  }
} finally {
  await db.destroy();
}
