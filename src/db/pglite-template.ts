import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PACKAGE_ROOT } from '../lib/package-root.js';

/**
 * A freshly initialised and migrated embedded database folder, written by `npm run build`
 * (make-pglite-template.ts). PGlite's initdb takes most of a fresh embedded start (18–20 s of CPU
 * on a loaded 2-core machine); copying this folder takes a fraction of a second, where unpacking
 * the same database from PGlite's tar dump took 6–10 s. The migrations it holds are not run
 * again, and any newer ones run as usual.
 */
export const PGLITE_TEMPLATE = path.join(PACKAGE_ROOT, 'dist', 'pglite-template');
/** The same with the demo experiment, users and sample campaigns seeded (2–5 s of a fresh start). */
export const PGLITE_DEMO_TEMPLATE = `${PGLITE_TEMPLATE}-demo`;

/**
 * PGlite's own start parameters plus a 16 MB buffer cache instead of PostgreSQL's 128 MB: the
 * embedded database lives inside this process's WebAssembly memory, which never shrinks, so the
 * cache is paid in resident memory (~50 MB less at start). An embedded site is small and its
 * files stay in the OS page cache.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * The knex-pglite connection for folder `dir`: an existing database is opened; a new one starts
 * as a copy of the template (with the demo seeded when `demo`) when the build made one (copied
 * beside it, then renamed into place, so an interrupted copy is never taken for a database), else
 * PGlite initialises it.
 */
export function embeddedConnection(dir: string, demo = false): { pglite: PGlite } {
  const template = demo ? PGLITE_DEMO_TEMPLATE : PGLITE_TEMPLATE;
  if (fs.existsSync(path.join(template, 'PG_VERSION')) && !fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    const part = `${dir}.part-${process.pid}`;
    fs.rmSync(part, { recursive: true, force: true });
    fs.cpSync(template, part, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
    if (fs.existsSync(dir)) fs.rmdirSync(dir); // only an empty folder: anything else fails here
    fs.renameSync(part, dir);
  }
  return { pglite: new PGlite({ dataDir: dir, startParams: START_PARAMS }) };
}
