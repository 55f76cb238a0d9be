import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShell } from '../../../src/adapters/ssh/local-shell.js';
import type { Sam } from '../../../src/adapters/sam/sam.js';
import { emptySplitSam } from '../../../src/services/fife-adapters.js';
import { api, type BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { P, signedIn } from './page-helpers.js';

/** SAM that answers every project with the same numbers, so file reports have something to count. */
const fakeSam = {
  projectSummary: async () => ({ files_in_snapshot: 10, file_counts: { consumed: 8, failed: 2 } }),
  countFiles: async () => 10,
  listFiles: async () => [],
} as unknown as Sam;

const STATUSES = ['Running', 'Located', 'Located', 'Located', 'Failed', 'Held', 'Completed', 'Idle'];
const HOUR = 3_600_000;

interface Shape {
  campaign: number;
  stage: number;
  submission: number;
}

/**
 * `campaigns` campaigns of two stages (reco → ana) with `perCampaign` submissions each, in every
 * status, with history, snapshots, file numbers, a recovery after every fifth and queued launches.
 * Returns the first campaign's ids.
 */
async function grow(db: Knex, campaigns: number, perCampaign: number): Promise<Shape> {
  let first: Shape | undefined;
  for (let c = 0; c < campaigns; c++) {
    const { campaign, stage, jobType, creatorId } = await makeStage(db, {});
    const [ana] = await db('stages')
      .insert({ campaign_id: campaign.campaign_id, experiment: 'samdev', name: 'ana', creator: creatorId })
      .returning('stage_id');
    await db('dependencies').insert({ upstream_stage_id: stage.stage_id, downstream_stage_id: ana.stage_id });
    const [ss] = await db('stage_snapshots')
      .insert({
        stage_id: stage.stage_id,
        content_hash: `h${c}`,
        content: JSON.stringify({ softwareVersion: 'v1' }),
      })
      .returning('snapshot_id');
    const [js] = await db('job_type_snapshots')
      .insert({
        job_type_id: jobType.job_type_id,
        content_hash: `h${c}`,
        content: JSON.stringify({ outputFilePatterns: '%.root' }),
      })
      .returning('snapshot_id');
    const now = Date.now();
    const rows = Array.from({ length: perCampaign }, (_, i) => {
      const status = STATUSES[i % STATUSES.length];
      const at = new Date(now - (perCampaign - i) * 0.5 * HOUR);
      return {
        experiment: 'samdev',
        campaign_id: campaign.campaign_id,
        stage_id: i % 3 === 2 ? ana.stage_id : stage.stage_id,
        creator: creatorId,
        status,
        created_at: at,
        status_at: new Date(at.getTime() + 0.2 * HOUR),
        stage_snapshot_id: ss.snapshot_id,
        job_type_snapshot_id: js.snapshot_id,
        project: `p_${campaign.campaign_id}_${i}`,
        files_submitted: 20,
        files_consumed: 18,
        files_located: status === 'Located' ? 17 : null,
        located_reason: status === 'Located' ? 'threshold' : null,
      };
    });
    const ids: Array<{ submission_id: number }> = await db('submissions')
      .insert(rows)
      .returning('submission_id');
    await db('submission_history').insert(
      ids.flatMap(({ submission_id }, i) =>
        ['New', 'Running', rows[i].status].map((status) => ({ submission_id, status, actor_kind: 'poller' })),
      ),
    );
    const recoveries = ids.filter((_, i) => i % 5 === 1);
    if (recoveries.length)
      await db('submissions').insert(
        recoveries.map(({ submission_id }) => ({
          experiment: 'samdev',
          campaign_id: campaign.campaign_id,
          stage_id: stage.stage_id,
          status: 'Running',
          parent_submission_id: submission_id,
          launch_kind: 'recovery',
          project: `r_${submission_id}`,
        })),
      );
    await db('held_launches').insert({
      stage_id: stage.stage_id,
      launch_kind: 'manual',
      launcher: creatorId,
    });
    first ??= { campaign: campaign.campaign_id, stage: stage.stage_id, submission: ids[0].submission_id };
  }
  return first!;
}

const pages = (s: Shape): Record<string, string> => ({
  'experiment home': P,
  'campaign list': `${P}/campaigns`,
  campaign: `${P}/campaigns/${s.campaign}`,
  'campaign submissions': `${P}/campaigns/${s.campaign}/submissions`,
  'campaign submissions, whole life': `${P}/campaigns/${s.campaign}/submissions?tdays=36500`,
  'stage page': `${P}/stages/${s.stage}`,
  'stage submissions': `${P}/stages/${s.stage}/submissions`,
  'stage submissions, whole life, last page': `${P}/stages/${s.stage}/submissions?tdays=36500&page_size=10&page=9999`,
  submission: `${P}/submissions/${s.submission}`,
  'stage files': `${P}/stages/${s.stage}/files`,
  'campaign files': `${P}/campaigns/${s.campaign}/files`,
  progress: `${P}/campaigns/${s.campaign}/progress`,
  'time bars': `${P}/campaigns/${s.campaign}/timeline`,
  'shifter view': `${P}/shifter`,
  overview: `${P}/overview`,
  'held launches': `${P}/held-launches`,
});

/**
 * Pages that also write (the file reports and the campaign's submissions lists refresh cached SAM
 * numbers, a bounded batch per request, and their cost depends on which submissions are due:
 * issue 13 owns them), held to a budget rather than to flatness here.
 */
const FILE_REPORTS = [
  'stage files',
  'campaign files',
  'campaign submissions',
  'campaign submissions, whole life',
];

/** JSON twins whose address is not /api/v1 + the page's. */
const TWIN: Record<string, (s: Shape) => string> = {
  'stage page': (s) => `/api/v1${P}/stages/${s.stage}/page`,
};

// Every page and its JSON twin costs the same number of SQL statements with a few submissions as
// with thousands (cost follows what is shown, not the history), and at most ten — session, user
// and the page's own reads together. Measured in steady state: the file numbers were counted once.
describe('every page costs a bounded, flat number of statements', () => {
  let app: TestApp;
  let browser: BrowserLikeClient;
  let small: Shape;
  let big: Shape;
  const few: Record<string, number> = {};
  const many: Record<string, number> = {};

  /**
   * Statements of one request once the page is in steady state: file reports count SAM numbers in
   * bounded batches per request, so they are asked again until two requests cost the same.
   */
  async function statements(path: string, html: boolean): Promise<number> {
    const db = app.testDb.db;
    const get = () => (html ? browser.get(path) : api(app.url, 'GET', path, { user: 'producer' }));
    const once = async () => {
      let n = 0;
      const on = () => n++;
      db.on('query', on);
      try {
        const r = await get();
        expect(r.status, path).toBe(200);
      } finally {
        db.off('query', on);
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

  async function measureAll(s: Shape, into: Record<string, number>) {
    for (const [name, path] of Object.entries(pages(s))) {
      into[`${name} (page)`] = await statements(path, true);
      into[`${name} (JSON)`] = await statements(TWIN[name]?.(s) ?? `/api/v1${path}`, false);
    }
  }

  beforeAll(async () => {
    app = await startTestApp({}, { shell: new LocalShell(), splitSamFor: () => emptySplitSam, sam: fakeSam });
    browser = await signedIn(app.url, 'producer');
    small = await grow(app.testDb.db, 1, 8);
    await measureAll(small, few);
    big = await grow(app.testDb.db, 12, 240);
    await measureAll(big, many);
  }, 300_000);
  afterAll(async () => app?.close());

  it('the big experiment really is bigger', async () => {
    const n = await app.testDb.db('submissions').count({ n: '*' }).first();
    expect(Number(n?.n)).toBeGreaterThan(12 * 240);
  });

  const reads = (m: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(m).filter(
        ([k]) => !FILE_REPORTS.some((f) => k === `${f} (page)` || k === `${f} (JSON)`),
      ),
    );

  it('the same number of statements for a few and for thousands of submissions', () => {
    expect(reads(many)).toEqual(reads(few));
  });

  it('at most ten statements a page', () => {
    const over = Object.entries(reads(many)).filter(([, n]) => n > 10);
    expect(over).toEqual([]);
  });

  it('file reports stay within their budget while they refresh SAM numbers', () => {
    for (const f of FILE_REPORTS)
      for (const kind of ['page', 'JSON']) expect(many[`${f} (${kind})`], f).toBeLessThanOrEqual(11);
  });
});
