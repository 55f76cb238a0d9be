import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { measureBeforeAndAfterGrowth } from './statement-budget.js';
import { monitoringPages } from './statement-pages.js';

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
  'campaign submissions, previous page by cursor',
];
const writes = (k: string) => FILE_REPORTS.some((f) => k === `${f} (page)` || k === `${f} (JSON)`);
const reads = (m: Record<string, number>) =>
  Object.fromEntries(Object.entries(m).filter(([k]) => !writes(k)));

// Every page people watch and its JSON twin costs the same number of SQL statements with a few
// submissions as with thousands more — in the same campaign's experiment and in another one, with
// their history, recoveries, logs, failure causes, acknowledgements, watches and queued launches —
// and at most ten: session, user and the page's own reads together. Cost follows what is shown,
// not the history. Measured in steady state: the file numbers were counted once.
describe('every monitoring page costs a bounded, flat number of statements', () => {
  let app: TestApp;
  let few: Record<string, number> = {};
  let many: Record<string, number> = {};

  beforeAll(async () => {
    ({ app, few, many } = await measureBeforeAndAfterGrowth(monitoringPages));
  }, 300_000);
  afterAll(async () => app?.close());

  it('the experiments really grew', async () => {
    const n: Array<{ experiment: string; n: string }> = await app.testDb
      .db('submissions')
      .groupBy('experiment')
      .select('experiment', app.testDb.db.raw('count(*) as n'));
    expect(Object.fromEntries(n.map((r) => [r.experiment, Number(r.n)]))).toEqual({
      samdev: expect.toSatisfy((x: number) => x > 12 * 240),
      otherexp: expect.toSatisfy((x: number) => x > 4 * 240),
    });
  });

  it('the same number of statements for a few and for thousands of submissions', () => {
    expect(Object.keys(few).length).toBeGreaterThan(60);
    expect(reads(many)).toEqual(reads(few));
  });

  it('at most ten statements a page', () => {
    const over = Object.entries(reads(many)).filter(([, n]) => n > 10);
    expect(over).toEqual([]);
  });

  it('the stage page reads the stage with its campaign, dependencies and sibling stages at once', () => {
    // session, user, the stage in context, launch configuration, operations, recent launches.
    expect(many['stage page (page)']).toBeLessThanOrEqual(6);
    expect(many['stage page (JSON)']).toBeLessThanOrEqual(5);
  });

  it("a stage's submissions list reads a page of rows, their nested descendants and the list's count in one statement", () => {
    // session, user, the stage, the output counts due, the page with its descendants and the count.
    expect(many['stage submissions (page)']).toBeLessThanOrEqual(5);
    expect(many['stage submissions (JSON)']).toBeLessThanOrEqual(4);
  });

  it('the shifter view reads each of its lists with its count in one statement', () => {
    // session, user, held, failed, stalled campaigns (paged in SQL), queued launches, the hold.
    expect(many['shifter view (page)']).toBeLessThanOrEqual(7);
    expect(many['shifter view (JSON)']).toBeLessThanOrEqual(6);
  });

  it('file reports stay within their budget while they refresh SAM numbers', () => {
    for (const f of FILE_REPORTS)
      for (const kind of ['page', 'JSON']) expect(many[`${f} (${kind})`], f).toBeLessThanOrEqual(11);
  });
});
