import { describe, expect, it } from 'vitest';
import { parseCampaignIni, resolveStage } from '../../../src/domain/ini/index.js';
import { listItems } from '../../../src/domain/splits/index.js';
import { campaignFiles, readCampaignFile, withRealCorpus } from '../../helpers/campaign-files.js';
import { importCorpusFile } from '../editor/editor-test-helpers.js';
import { chainSuite, checkChainOf, EXP, expectLaunchesDeliver } from './chain-fixture.js';

// Every campaign file (ours, and the experiments' real corpus when present) imported into the
// demo experiment, the datasets it names made in the simulated SAM from the demo's raw files:
// Check chain reports, stage by stage, what a launch then delivers, and creates nothing in SAM.
describe('Check chain over the .ini corpus', () => {
  const suite = chainSuite();

  /** Defines each dataset the file's stages read (as the demo's raw files) unless SAM has it. */
  async function defineDatasets(text: Buffer) {
    const { doc } = parseCampaignIni(text);
    for (const st of doc.stages.map((s) => resolveStage(s, doc.defaults))) {
      const raw = (st.datasetOrSplitData ?? '').replace(
        /%\((\w+)\)s/g,
        (_, k) => doc.campaign.keywords[k] ?? '',
      );
      const split = (st.csSplitType ?? '').toLowerCase();
      if (!raw.trim() || /^none$/i.test(raw) || /^(multiparam|stagedfiles)/.test(split)) continue;
      for (const name of split.startsWith('list') ? listItems(raw) : [raw.trim()]) {
        const res = await fetch(`${suite.h.sim.url}/sim/admin/experiments/${EXP}/definitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, dims: 'defname: demo_raw' }),
        });
        expect([201, 409], `${name}: ${res.status}`).toContain(res.status);
      }
    }
  }

  withRealCorpus('Check chain over the real files', () => {});
  it.each(campaignFiles())('%s', async (file) => {
    const text = readCampaignFile(file);
    await defineDatasets(text);
    const id = await importCorpusFile(suite.url, EXP, text);
    await expectLaunchesDeliver(suite.h, await checkChainOf(suite.h, suite.url, id), id);
  });
});
