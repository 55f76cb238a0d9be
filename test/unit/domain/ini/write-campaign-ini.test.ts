import { describe, expect, it } from 'vitest';
import {
  normaliseCampaignDocument,
  parseCampaignIni,
  writeCampaignIni,
  type CampaignDocument,
} from '../../../../src/domain/ini/index.js';
import { validIni } from './ini-test-helpers.js';

const doc = (): CampaignDocument => ({
  campaign: { name: 'demo', keywords: { rel: 'v1', 'odd "key"': 'a\nb' }, stageListHint: ['a', 'b'] },
  defaults: { voRole: 'Production', datasetOrSplitData: 'my_def', csSplitType: null, completionPct: 95 },
  nodePositions: [
    { id: 'campaign demo', x: -300.5, y: -0 },
    { id: 'a', x: 1e21, y: 2 },
  ],
  stages: [
    { name: 'a', voRole: 'Production', csSplitType: 'mod(3)', testSplitType: 'nfiles(1)', completionPct: 95 },
    { name: 'b', datasetOrSplitData: 'None', csSplitType: 'list', completionPct: 99.5, mergeOverrides: true },
    { name: 'c', datasetOrSplitData: null, csSplitType: '  ', softwareVersion: '' },
  ],
  loginSetups: [
    {
      name: 'ls',
      host: 'h',
      account: 'acct',
      setup: '  source a.sh\r\n\r\n  # shell comment\n  setup b  \n\n',
    },
  ],
  jobTypes: [{ name: 'jt', launchScript: 'fife_launch', parameters: [['-c ', 'x.cfg']], recoveries: [] }],
  dependencies: [
    { downstream: 'b', upstream: 'a', filePattern: '%.root' },
    { downstream: 'c', upstream: 'b', filePattern: 'data_tier raw' },
    { downstream: 'b', upstream: 'b', filePattern: '%' },
    { downstream: 'c', upstream: 'a', filePattern: '%.art' },
  ],
});

const EXPECTED = `[campaign]
name=demo
campaign_keywords={"rel": "v1", "odd \\"key\\"": "a\\nb"}
campaign_stage_list=a,b

[campaign_defaults]
vo_role=Production
dataset_or_split_data=my_def
cs_split_type=None
completion_pct=95

[node_positions]
nxy0=["campaign demo", -300.5, 0]
nxy1=["a", 1e+21, 2]

[campaign_stage a]
cs_split_type=mod(3)
test_split_type=nfiles(1)

[campaign_stage b]
dataset_or_split_data=None
cs_split_type=list
completion_pct=99.5
merge_overrides=True

[campaign_stage c]
dataset_or_split_data=None

[dependencies b]
campaign_stage_1=a
file_pattern_1=%.root
campaign_stage_2=b
file_pattern_2=%

[dependencies c]
campaign_stage_1=b
file_pattern_1=data_tier raw
campaign_stage_2=a
file_pattern_2=%.art

[login_setup ls]
host=h
account=acct
setup=source a.sh

    setup b

[job_type jt]
launch_script=fife_launch
parameters=[["-c ", "x.cfg"]]
recoveries=[]
`;

describe('writeCampaignIni', () => {
  it('writes sections in order, omitting unset keys and stage keys equal to the defaults', () => {
    expect(writeCampaignIni(doc())).toBe(EXPECTED);
  });

  it('writes what reads back as the normalised document', () => {
    const back = parseCampaignIni(writeCampaignIni(doc())).doc;
    expect(back).toEqual(normaliseCampaignDocument(doc()));
    expect(back.stages[1]).toEqual({
      name: 'b',
      datasetOrSplitData: null,
      csSplitType: 'list',
      completionPct: 99.5,
      mergeOverrides: true,
    });
    expect(back.stages[2]).toEqual({ name: 'c', datasetOrSplitData: null });
    expect(back.loginSetups[0].setup).toBe('source a.sh\n\nsetup b');
    expect(back.campaign.keywords).toEqual({ rel: 'v1', 'odd "key"': 'a\nb' });
    expect(back.dependencies.map((d) => `${d.upstream}>${d.downstream}`)).toEqual([
      'a>b',
      'b>b',
      'b>c',
      'a>c',
    ]);
  });

  it('writes every stage key when there are no defaults, and no empty sections', () => {
    const text = writeCampaignIni({
      campaign: { name: 'x', keywords: {}, stageListHint: [] },
      defaults: {},
      nodePositions: [],
      stages: [{ name: 's', voRole: 'Analysis', stageType: 'regular', defaultClearCronjob: true }],
      loginSetups: [],
      jobTypes: [],
      dependencies: [],
    });
    expect(text).toBe(
      '[campaign]\nname=x\ncampaign_keywords={}\n\n[campaign_stage s]\nvo_role=Analysis\nstage_type=regular\ndefault_clear_cronjob=True\n',
    );
  });

  it('does not change its input', () => {
    const input = doc();
    writeCampaignIni(input);
    expect(input).toEqual(doc());
  });

  it('keeps an empty file_pattern_<k> empty: read as every file, written back as it was', () => {
    const { doc: read } = parseCampaignIni(
      validIni('', '[dependencies reco]', 'campaign_stage_1 = gen', 'file_pattern_1 ='),
    );
    expect(read.dependencies).toEqual([{ downstream: 'reco', upstream: 'gen', filePattern: '' }]);
    const text = writeCampaignIni(read);
    expect(text).toContain('[dependencies reco]\ncampaign_stage_1=gen\nfile_pattern_1=\n');
    expect(parseCampaignIni(text).doc.dependencies).toEqual(read.dependencies);
  });
});
