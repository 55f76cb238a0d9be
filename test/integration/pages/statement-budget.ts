import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { Jobsub } from '../../../src/adapters/jobsub/jobsub.js';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import { COMPAT_CALLS } from '../../../src/web/routes/compat/compat-routes.js';
import type { RouteEntry } from '../../../src/web/route-list.js';
import { api, type BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { addOtherExperiment, fakeSam, grow, moreStages, OTHER, type Shape } from './grown-experiment.js';
import { signedIn } from './page-helpers.js';
import type { PageCase } from './statement-pages.js';

// Statements per request for the statement-count tests, and the check that they measure every
// page the app serves.

export interface Askers {
  url: string;
  db: Knex;
  /** Signed in as the producer. */
  browser: BrowserLikeClient;
  /** Signed in as root. */
  admin: BrowserLikeClient;
}

/**
 * Statements of one request once the page is in steady state: file reports count SAM numbers in
 * bounded batches per request, so a page is asked again until two requests cost the same.
 */
async function statementsOf(a: Askers, c: PageCase, kind: 'page' | 'json'): Promise<number> {
  const path = kind === 'page' ? c.page! : c.json!;
  const user = c.as ?? 'producer';
  const get = () =>
    kind === 'page' ? (c.as ? a.admin : a.browser).get(path) : api(a.url, 'GET', path, { user });
  const once = async () => {
    let n = 0;
    const on = () => n++;
    a.db.on('query', on);
    try {
      const r = await get();
      expect(r.status, `${path}: ${'body' in r ? r.body.slice(0, 300) : r.text.slice(0, 300)}`).toBe(
        c.status ?? 200,
      );
    } finally {
      a.db.off('query', on);
    }
    return n;
  };
  let last = await once();
  for (let i = 0; i < 12; i++) {
    const n = await once();
    if (n === last) return n;
    last = n;
  }
  return last;
}

/** Statements of every page and twin, by `<name> (page)` and `<name> (JSON)`. */
async function measureAll(a: Askers, cases: PageCase[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of cases) {
    if (c.page) out[`${c.name} (page)`] = await statementsOf(a, c, 'page');
    if (c.json) out[`${c.name} (JSON)`] = await statementsOf(a, c, 'json');
  }
  return out;
}

/** Routes that are not pages: static files, probes, metrics, and poms_client calls that change state. */
function notAPage(r: RouteEntry): boolean {
  if (r.path.startsWith('/^') || r.path === '/favicon.ico' || r.path === '/metrics') return true;
  if (r.path.startsWith('/health')) return true;
  const compat = /^\/poms\/(\w+)/.exec(r.path);
  return compat !== null && COMPAT_CALLS[compat[1]]?.mutating === true;
}

/** GET routes of the app that no case's address reaches. */
export function unmeasured(routes: RouteEntry[], cases: PageCase[]): string[] {
  const addresses = cases.flatMap((c) => [c.page, c.json]).filter((p): p is string => !!p);
  const paths = addresses.map((p) => p.split('?')[0]);
  return routes
    .filter((r) => r.method === 'GET' && !notAPage(r))
    .filter((r) => {
      // Compat calls answer at /poms/<name>[/<experiment>…]: the bare address stands for them all.
      const path = r.path.replace(/^(\/poms\/\w+)\/.*$/, '$1');
      const re = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}$`);
      return !paths.some((p) => re.test(p));
    })
    .map((r) => `${r.method} ${r.path}`);
}

/** jobsub that must not be asked: the pages read what the database holds (cached job logs). */
const noJobsub = new Proxy({} as Jobsub, {
  get: (_, name) => () => Promise.reject(new Error(`jobsub.${String(name)} called by a page`)),
});

/** The app on a fresh database, its askers, and one small campaign in each of two experiments. */
async function startGrownApp(): Promise<{ app: TestApp; askers: Askers; small: Shape }> {
  const uploads = await mkdtemp(join(tmpdir(), 'poms-stmts-'));
  const app = await startTestApp(
    { credentials: { uploads_dir: uploads } },
    { shell: new LocalShell(), splitSamFor: () => emptySplitSam, sam: fakeSam, jobsub: noJobsub },
  );
  const db = app.testDb.db;
  const askers = {
    url: app.url,
    db,
    browser: await signedIn(app.url, 'producer'),
    admin: await signedIn(app.url, 'admin'),
  };
  await addOtherExperiment(db);
  const small = await grow(db, 1, 8);
  await grow(db, 1, 8, OTHER);
  // The first submission's job logs, cached as final (no jobsub call), and a file the producer uploaded.
  await db('job_log_bundles').insert({
    submission_id: small.submission,
    fetched_at: new Date(),
    final: true,
    bytes: 6,
    used_at: new Date(),
  });
  await db('job_log_files').insert({
    submission_id: small.submission,
    position: 0,
    name: 'job.out',
    content: Buffer.from('hello\n'),
  });
  const producer = await app.services.identity.loadUser('producer', { experiment: 'samdev' });
  await app.services.uploads.save(producer!, 'samdev', [
    { filename: 'notes.txt', bytes: Buffer.from('notes\n') },
  ]);
  return { app, askers, small };
}

/** Ten times more of everything a page aggregates, in both experiments. */
async function growTenfold(db: Knex, small: Shape): Promise<void> {
  await moreStages(db, small, 10);
  await grow(db, 12, 240);
  await grow(db, 4, 240, OTHER);
}

/** Statements of each case with one small campaign per experiment, then after growing tenfold. */
export async function measureBeforeAndAfterGrowth(cases: (s: Shape) => PageCase[]) {
  const { app, askers, small } = await startGrownApp();
  try {
    const few = await measureAll(askers, cases(small));
    await growTenfold(app.testDb.db, small);
    return { app, few, many: await measureAll(askers, cases(small)) };
  } catch (e) {
    await app.close();
    throw e;
  }
}
