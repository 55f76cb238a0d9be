import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import type { Sam } from '../../../src/adapters/sam/sam.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import { api, type BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { P, signedIn, tableRows } from './page-helpers.js';

/** SAM that answers every project with the same numbers, so reports have something to count. */
const fakeSam = {
  projectSummary: async () => ({ files_in_snapshot: 10, file_counts: { consumed: 8, failed: 2 } }),
  countFiles: async () => 10,
  listFiles: async () => [],
} as unknown as Sam;

interface Seeded {
  campaign: number;
  stage: number;
  downstream: number;
  root: number;
  rows: number;
}

/**
 * A campaign of two stages with `roots` submissions on the first; every fourth has a recovery and
 * the next one a dependent launch on the second stage. Each with history and snapshots.
 */
async function seed(db: Knex, roots: number): Promise<Seeded> {
  const { stage, campaign, jobType, creatorId } = await makeStage(db, { campaign: `bounded_${roots}` });
  const [down] = await db('stages')
    .insert({
      campaign_id: campaign.campaign_id,
      experiment: 'samdev',
      name: 'down',
      job_type_id: jobType.job_type_id,
      login_setup_id: stage.login_setup_id,
      creator: creatorId,
    })
    .returning('stage_id');
  const [ss] = await db('stage_snapshots')
    .insert({
      stage_id: stage.stage_id,
      content_hash: `h${roots}`,
      content: JSON.stringify({ softwareVersion: 'v1', outputAncestorDepth: 1 }),
    })
    .returning('snapshot_id');
  const [js] = await db('job_type_snapshots')
    .insert({
      job_type_id: jobType.job_type_id,
      content_hash: `h${roots}`,
      content: JSON.stringify({ outputFilePatterns: '%.root' }),
    })
    .returning('snapshot_id');
  const now = Date.now();
  let rows = 0;
  const insert = async (r: Record<string, unknown>, minutes: number) => {
    const at = new Date(now - minutes * 60_000);
    const [s] = await db('submissions')
      .insert({
        experiment: 'samdev',
        campaign_id: campaign.campaign_id,
        creator: creatorId,
        status: 'Located',
        status_at: at,
        created_at: at,
        stage_snapshot_id: ss.snapshot_id,
        job_type_snapshot_id: js.snapshot_id,
        dataset: 'demo_raw',
        ...r,
      })
      .returning('submission_id');
    const id = s.submission_id as number;
    await db('submission_history').insert(
      ['New', 'Running', 'Located'].map((status) => ({
        submission_id: id,
        status,
        created_at: at,
        actor_kind: 'poller',
      })),
    );
    rows++;
    return id;
  };
  let first = 0;
  for (let i = 0; i < roots; i++) {
    const root = await insert({ stage_id: stage.stage_id, project: `p_${roots}_${i}` }, 3 * i + 2);
    first ||= root;
    if (i % 4 === 0)
      await insert(
        {
          stage_id: stage.stage_id,
          project: `r_${roots}_${i}`,
          parent_submission_id: root,
          launch_kind: 'recovery',
        },
        3 * i + 1,
      );
    if (i % 4 === 1)
      await insert(
        {
          stage_id: down.stage_id,
          project: `d_${roots}_${i}`,
          depends_on_submission_id: root,
          launch_kind: 'dependency',
        },
        3 * i,
      );
  }
  return {
    campaign: campaign.campaign_id,
    stage: stage.stage_id,
    downstream: down.stage_id,
    root: first,
    rows,
  };
}

// Each list and report page costs the same number of queries for 5 rows as for 200: no query per
// row (read models), and SAM refreshes saved in one statement.
describe('list pages issue a bounded number of queries', () => {
  let app: TestApp;
  let small: Seeded;
  let big: Seeded;
  let browser: BrowserLikeClient;
  beforeAll(async () => {
    app = await startTestApp({}, { shell: new LocalShell(), splitSamFor: () => emptySplitSam, sam: fakeSam });
    small = await seed(app.testDb.db, 4);
    big = await seed(app.testDb.db, 160);
    browser = await signedIn(app.url, 'producer');
  }, 120_000);
  afterAll(async () => app?.close());

  /** Queries made while answering `path`, with every cached file count made stale first. */
  async function queries(path: string, html: boolean): Promise<{ n: number; body: string; status: number }> {
    const db = app.testDb.db;
    await db('submissions').update({ file_counts: null, file_counts_at: null });
    let n = 0;
    const on = () => n++;
    db.on('query', on);
    try {
      const r = html
        ? await browser.get(path)
        : await api(app.url, 'GET', `/api/v1${path}`, { user: 'producer' });
      return { n, body: 'body' in r ? r.body : r.text, status: r.status };
    } finally {
      db.off('query', on);
    }
  }

  const pages = (s: Seeded) => ({
    'stage submissions': `${P}/stages/${s.stage}/submissions?page_size=500`,
    'campaign submissions': `${P}/campaigns/${s.campaign}/submissions?page_size=500`,
    'stage files': `${P}/stages/${s.stage}/files?page_size=500`,
    'campaign files': `${P}/campaigns/${s.campaign}/files`,
    'stage page': `${P}/stages/${s.stage}`,
    submission: `${P}/submissions/${s.root}`,
  });

  const PAGE_NAMES = [
    'stage submissions',
    'campaign submissions',
    'stage files',
    'campaign files',
    'stage page',
    'submission',
  ] as const;

  it('seeds 5-ish and 200-ish rows', () => {
    expect(small.rows).toBe(6);
    expect(big.rows).toBe(240);
  });

  for (const html of [false, true])
    for (const name of PAGE_NAMES) {
      if (!html && name === 'stage page') continue; // its twin is …/page, checked below
      it(`${name} (${html ? 'page' : 'JSON twin'})`, async () => {
        const a = await queries(pages(small)[name], html);
        const b = await queries(pages(big)[name], html);
        expect([a.status, b.status]).toEqual([200, 200]);
        expect(b.n).toBe(a.n);
        expect(a.n).toBeLessThanOrEqual(30);
        if (html && name === 'campaign submissions')
          expect(tableRows(b.body, 'submissions-table')).toHaveLength(big.rows);
      });
    }

  it('stage page twin', async () => {
    const a = await queries(`${P}/stages/${small.stage}/page`, false);
    const b = await queries(`${P}/stages/${big.stage}/page`, false);
    expect(b.n).toBe(a.n);
  });

  it('counts the big campaign’s files within the refresh budget and says how many wait', async () => {
    const r = await api(app.url, 'GET', `/api/v1${P}/campaigns/${big.campaign}/files`, { user: 'producer' });
    expect(r.json.sam.state).toBe('partial');
    expect(r.json.totals.uncounted).toBe(big.rows - 40);
    const again = await api(app.url, 'GET', `/api/v1${P}/campaigns/${big.campaign}/files`, {
      user: 'producer',
    });
    expect(again.json.totals.uncounted).toBe(big.rows - 80);
    expect(again.json.totals.counts).toMatchObject({
      submitted: 800,
      consumed: 640,
      failed: 160,
      delivered: 800,
    });
  });
});
