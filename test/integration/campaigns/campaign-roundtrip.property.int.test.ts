import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  normaliseCampaignDocument,
  parseCampaignIni,
  writeCampaignIni,
} from '../../../src/domain/ini/index.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { exportIni, importIni } from './campaign-test-helpers.js';
import { importableCampaign } from './generated-campaign.js';

describe('export → import → export through the database (property, generated campaigns)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('imports every generated campaign and exports it to a fixed point that keeps its content', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(importableCampaign, async (generated) => {
        run += 1;
        // Each run its own campaign and definitions, so runs do not update each other's.
        const tag = `r${run}_`;
        const rename = (n: string) => tag + n;
        const doc = {
          ...generated,
          campaign: { ...generated.campaign, name: `${tag}generated` },
          nodePositions: generated.nodePositions.map((p) => ({
            ...p,
            id: p.id === 'campaign generated' ? `campaign ${tag}generated` : p.id,
          })),
          jobTypes: generated.jobTypes.map((j) => ({ ...j, name: rename(j.name) })),
          loginSetups: generated.loginSetups.map((l) => ({ ...l, name: rename(l.name) })),
          defaults: {
            ...generated.defaults,
            jobType: rename(generated.defaults.jobType!),
            loginSetup: rename(generated.defaults.loginSetup!),
          },
          stages: generated.stages.map((s) => ({
            ...s,
            ...(s.jobType ? { jobType: rename(s.jobType) } : {}),
            ...(s.loginSetup ? { loginSetup: rename(s.loginSetup) } : {}),
          })),
        };
        const first = await importIni(app.url, 'samdev', writeCampaignIni(doc));
        expect(first.status, `${first.text}\n${writeCampaignIni(doc)}`).toBe(201);
        const a = (await exportIni(app.url, 'samdev', first.json.campaign_id)).text;
        const again = await importIni(app.url, 'samdev', a);
        expect(again.status).toBe(200);
        const b = (await exportIni(app.url, 'samdev', first.json.campaign_id)).text;
        expect(b).toBe(a);
        const back = normaliseCampaignDocument(parseCampaignIni(a).doc);
        const want = normaliseCampaignDocument(doc);
        expect(back.stages).toEqual(want.stages);
        expect(back.defaults).toEqual(want.defaults);
        expect(back.campaign.keywords).toEqual(want.campaign.keywords);
        expect(back.nodePositions).toEqual(want.nodePositions);
        expect(back.dependencies).toEqual(expect.arrayContaining(want.dependencies));
        expect(back.dependencies).toHaveLength(want.dependencies.length);
      }),
      { numRuns: 40 },
    );
  });
});
