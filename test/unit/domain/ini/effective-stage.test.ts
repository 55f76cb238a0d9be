import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/lib/errors.js';
import {
  effectiveStage,
  externalReferences,
  missingRequired,
  parseCampaignIni,
  type CampaignDocument,
} from '../../../../src/domain/ini/index.js';
import { validIni } from './ini-test-helpers.js';

const bare = (
  stages: CampaignDocument['stages'],
  defaults: CampaignDocument['defaults'] = {},
): CampaignDocument => ({
  campaign: { name: 'c', keywords: {}, stageListHint: [] },
  defaults,
  nodePositions: [],
  stages,
  loginSetups: [],
  jobTypes: [],
  dependencies: [],
});

describe('effectiveStage', () => {
  it('gives a stage key missing in the stage the value of [campaign_defaults]', () => {
    const { doc } = parseCampaignIni(validIni('software_version = v2', 'cs_split_type = mod(3)'));
    expect(effectiveStage(doc, 'reco')).toMatchObject({
      voRole: 'Production',
      softwareVersion: 'v2',
      datasetOrSplitData: 'input_def',
      csSplitType: 'mod(3)',
      loginSetup: 'ls',
      jobType: 'jt',
    });
    expect(effectiveStage(doc, 'gen')).toMatchObject({ softwareVersion: 'v1', csSplitType: null });
  });

  it('falls back to the built-in defaults only where the original had them', () => {
    expect(effectiveStage(bare([{ name: 's' }]), 's')).toEqual({
      name: 's',
      completionType: 'located',
      completionPct: 95,
      stageType: 'regular',
      outputAncestorDepth: 1,
      mergeOverrides: false,
      defaultClearCronjob: true,
      paramOverrides: [],
      testParamOverrides: [],
    });
  });

  it('prefers the stage value, even false or an empty list, over the defaults', () => {
    const doc = bare([{ name: 's', mergeOverrides: false, paramOverrides: [] }], {
      mergeOverrides: true,
      paramOverrides: [['-a', '1']],
    });
    expect(effectiveStage(doc, 's')).toMatchObject({ mergeOverrides: false, paramOverrides: [] });
  });

  it('does not share the built-in lists between stages', () => {
    const doc = bare([{ name: 'a' }, { name: 'b' }]);
    effectiveStage(doc, 'a').paramOverrides.push(['-x', '1']);
    expect(effectiveStage(doc, 'b').paramOverrides).toEqual([]);
  });

  it('throws not_found for a stage the document does not have', () => {
    expect(() => effectiveStage(bare([]), 'nope')).toThrow(AppError);
    expect(() => effectiveStage(bare([]), 'nope')).toThrow("Stage 'nope' not found");
  });
});

describe('missingRequired', () => {
  it('lists, per stage, the required keys that neither the stage nor the defaults set', () => {
    const doc = bare([{ name: 'a' }, { name: 'b', voRole: 'Analysis', datasetOrSplitData: null }], {
      softwareVersion: 'v1',
      jobType: 'jt',
    });
    expect(missingRequired(doc)).toEqual([
      { stage: 'a', missing: ['dataset_or_split_data', 'login_setup', 'vo_role'] },
      { stage: 'b', missing: ['login_setup'] },
    ]);
  });

  it('is empty when defaults cover everything (None counts as set)', () => {
    expect(missingRequired(parseCampaignIni(validIni()).doc)).toEqual([]);
  });
});

describe('externalReferences', () => {
  it('lists job types and login setups that stages use but the file does not define', () => {
    const { doc } = parseCampaignIni(
      validIni(
        'job_type = other_jt',
        '[campaign_stage merge]',
        'login_setup = ls2',
        '[job_type jt]',
        'launch_script = x',
      ),
    );
    expect(externalReferences(doc)).toEqual({
      jobTypes: [{ name: 'other_jt', stages: ['reco'] }],
      loginSetups: [
        { name: 'ls', stages: ['gen', 'reco'] },
        { name: 'ls2', stages: ['merge'] },
      ],
    });
  });

  it('ignores a default that every stage overrides', () => {
    const doc = bare([{ name: 'a', jobType: 'here', loginSetup: 'there' }], {
      jobType: 'unused',
      loginSetup: 'unused',
    });
    doc.jobTypes.push({ name: 'here', launchScript: 'x', parameters: [], recoveries: [] });
    expect(externalReferences(doc)).toEqual({
      jobTypes: [],
      loginSetups: [{ name: 'there', stages: ['a'] }],
    });
  });
});
