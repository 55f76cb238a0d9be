import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PACKAGE_ROOT } from '../lib/package-root.js';

/**
 * A freshly initialised and migrated embedded database, written by `npm run build`
 * (make-pglite-template.ts). PGlite's initdb takes most of a fresh embedded start (18–20 s of CPU
 * on a loaded 2-core machine, against ~3 s to unpack this); the migrations it holds are not run
 * again, and any newer ones run as usual.
 */
export const PGLITE_TEMPLATE = path.join(PACKAGE_ROOT, 'dist', 'pglite-template.tgz');

/**
 * The knex-pglite connection for folder `dir`: an existing database is opened; a new one starts
 * from the template when the build made one, else PGlite initialises it.
 */
export function embeddedConnection(dir: string): { filename: string } | { pglite: PGlite } {
  if (fs.existsSync(path.join(dir, 'PG_VERSION')) || !fs.existsSync(PGLITE_TEMPLATE))
    return { filename: dir };
  const loadDataDir = new Blob([fs.readFileSync(PGLITE_TEMPLATE)]);
  return { pglite: new PGlite({ dataDir: dir, loadDataDir }) };
}
