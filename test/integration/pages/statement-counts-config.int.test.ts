import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { listRoutes } from '../../../src/web/route-list.js';
import type { TestApp } from '../../helpers/test-app.js';
import { measureBeforeAndAfterGrowth, unmeasured } from './statement-budget.js';
import { configurationPages, monitoringPages } from './statement-pages.js';

// The rest of the pages — campaign, stage, job type and login setup forms and editors, people,
// tokens, administration, the API documentation and the poms_client read calls — cost the same
// number of statements with one campaign as with sixteen more across two experiments, and at most
// ten; and no GET route of the app is left out of these tests.

describe('every other page costs a bounded, flat number of statements', () => {
  let app: TestApp;
  let few: Record<string, number> = {};
  let many: Record<string, number> = {};

  beforeAll(async () => {
    ({ app, few, many } = await measureBeforeAndAfterGrowth(configurationPages));
  }, 300_000);
  afterAll(async () => app?.close());

  it('the same number of statements for one campaign and for many', () => {
    expect(Object.keys(few).length).toBeGreaterThan(50);
    expect(many).toEqual(few);
  });

  it('at most ten statements a page', () => {
    expect(Object.entries(many).filter(([, n]) => n > 10)).toEqual([]);
  });

  it("poms_client's whole lists: every campaign in one statement, an unchanged stage list one version row", () => {
    // The API user with memberships, then show_campaigns: every campaign with its counts and tags
    // (was two a page of 500: 8 at 2,000 campaigns); campaign_list_json: the list's version row
    // (the kept text answers).
    expect(many['poms_client show_campaigns (JSON)']).toBe(2);
    expect(many['poms_client campaign_list_json (JSON)']).toBe(2);
  });

  it('measures every page the app serves', () => {
    const routes = listRoutes(createApp(app.services, loadConfig({}, { server: { log_level: 'silent' } })));
    const shape = { campaign: 1, stage: 1, submission: 1, jobType: 1, loginSetup: 1, campaignName: 'c' };
    const cases = [...monitoringPages(shape), ...configurationPages(shape)];
    expect(routes.length).toBeGreaterThan(100);
    expect(unmeasured(routes, cases)).toEqual([]);
  });
});
