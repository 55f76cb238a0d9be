import { describe, expect, it } from 'vitest';
import {
  effectiveStage,
  externalReferences,
  missingRequired,
  parseCampaignIni,
  writeCampaignIni,
} from '../../../../src/domain/ini/index.js';

/** The complete example of poms-inventory.md section 7, as the original exported it. */
const SECTION_7_EXAMPLE = `[campaign]
experiment=samdev
poms_role=production
name=demo_reco
state=Active
campaign_keywords={"rel": "v09_10_00"}
campaign_stage_list=gen,reco

[campaign_defaults]
vo_role=Production
software_version=%(rel)s
dataset_or_split_data=None
cs_split_type=None
default_clear_cronjob=True
completion_type=located
completion_pct=95
param_overrides=[]
test_param_overrides=[]
merge_overrides=False
login_setup=demo_login
job_type=demo_jt
stage_type=regular
output_ancestor_depth=1

[node_positions]
nxy0=["campaign demo_reco", -300, 0]
nxy1=["gen", 0, 0]
nxy2=["reco", 250, 0]

[campaign_stage gen]
dataset_or_split_data=demo_input_def
cs_split_type=nfiles(50)
param_overrides=[["--stage=", "gen"]]
merge_overrides=False
stage_type=regular
default_clear_cronjob=True

[campaign_stage reco]
dataset_or_split_data=from_parent
completion_type=complete
param_overrides=[["--stage=", "reco"]]
test_param_overrides=[["-Oglobal.nevents=", "10"]]
merge_overrides=False
stage_type=regular
default_clear_cronjob=True

[login_setup demo_login]
host=demogpvm01.fnal.gov
account=demopro
setup=source /cvmfs/demo/setup.sh;setup demo_code %(version)s

[job_type demo_jt]
launch_script=fife_launch
parameters=[["-c ", "demo.cfg"], ["-Oglobal.dataset=", "%(dataset)s"], ["-Oglobal.version=", "%(version)s"]]
output_file_patterns=%.root
recoveries = [["consumed_status", []], ["pending_files", [["-Oglobal.x=", "1"]]]]

[dependencies reco]
campaign_stage_1 = gen
file_pattern_1 = %.root
`;

/** What we export for it: stage keys equal to the defaults dropped, sections in our order. */
const EXPORTED = `[campaign]
experiment=samdev
poms_role=production
name=demo_reco
state=Active
campaign_keywords={"rel": "v09_10_00"}
campaign_stage_list=gen,reco

[campaign_defaults]
vo_role=Production
software_version=%(rel)s
dataset_or_split_data=None
cs_split_type=None
completion_type=located
completion_pct=95
param_overrides=[]
test_param_overrides=[]
merge_overrides=False
login_setup=demo_login
job_type=demo_jt
stage_type=regular
output_ancestor_depth=1
default_clear_cronjob=True

[node_positions]
nxy0=["campaign demo_reco", -300, 0]
nxy1=["gen", 0, 0]
nxy2=["reco", 250, 0]

[campaign_stage gen]
dataset_or_split_data=demo_input_def
cs_split_type=nfiles(50)
param_overrides=[["--stage=", "gen"]]

[campaign_stage reco]
dataset_or_split_data=from_parent
completion_type=complete
param_overrides=[["--stage=", "reco"]]
test_param_overrides=[["-Oglobal.nevents=", "10"]]

[dependencies reco]
campaign_stage_1=gen
file_pattern_1=%.root

[login_setup demo_login]
host=demogpvm01.fnal.gov
account=demopro
setup=source /cvmfs/demo/setup.sh;setup demo_code %(version)s

[job_type demo_jt]
launch_script=fife_launch
parameters=[["-c ", "demo.cfg"], ["-Oglobal.dataset=", "%(dataset)s"], ["-Oglobal.version=", "%(version)s"]]
output_file_patterns=%.root
recoveries=[["consumed_status", []], ["pending_files", [["-Oglobal.x=", "1"]]]]
`;

describe('the complete example of the .ini format', () => {
  it('parses to the expected document, without warnings', () => {
    const explicit = { mergeOverrides: false, stageType: 'regular', defaultClearCronjob: true };
    expect(parseCampaignIni(SECTION_7_EXAMPLE)).toEqual({
      warnings: [],
      doc: {
        campaign: {
          name: 'demo_reco',
          experiment: 'samdev',
          pomsRole: 'production',
          state: 'Active',
          keywords: { rel: 'v09_10_00' },
          stageListHint: ['gen', 'reco'],
        },
        defaults: {
          voRole: 'Production',
          softwareVersion: '%(rel)s',
          datasetOrSplitData: null,
          csSplitType: null,
          defaultClearCronjob: true,
          completionType: 'located',
          completionPct: 95,
          paramOverrides: [],
          testParamOverrides: [],
          mergeOverrides: false,
          loginSetup: 'demo_login',
          jobType: 'demo_jt',
          stageType: 'regular',
          outputAncestorDepth: 1,
        },
        nodePositions: [
          { id: 'campaign demo_reco', x: -300, y: 0 },
          { id: 'gen', x: 0, y: 0 },
          { id: 'reco', x: 250, y: 0 },
        ],
        stages: [
          {
            name: 'gen',
            datasetOrSplitData: 'demo_input_def',
            csSplitType: 'nfiles(50)',
            paramOverrides: [['--stage=', 'gen']],
            ...explicit,
          },
          {
            name: 'reco',
            datasetOrSplitData: 'from_parent',
            completionType: 'complete',
            paramOverrides: [['--stage=', 'reco']],
            testParamOverrides: [['-Oglobal.nevents=', '10']],
            ...explicit,
          },
        ],
        loginSetups: [
          {
            name: 'demo_login',
            host: 'demogpvm01.fnal.gov',
            account: 'demopro',
            setup: 'source /cvmfs/demo/setup.sh;setup demo_code %(version)s',
          },
        ],
        jobTypes: [
          {
            name: 'demo_jt',
            launchScript: 'fife_launch',
            parameters: [
              ['-c ', 'demo.cfg'],
              ['-Oglobal.dataset=', '%(dataset)s'],
              ['-Oglobal.version=', '%(version)s'],
            ],
            outputFilePatterns: '%.root',
            recoveries: [
              { recoveryType: 'consumed_status', paramOverrides: [] },
              { recoveryType: 'pending_files', paramOverrides: [['-Oglobal.x=', '1']] },
            ],
          },
        ],
        dependencies: [{ downstream: 'reco', upstream: 'gen', filePattern: '%.root' }],
      },
    });
  });

  it('exports exactly the expected text, a fixed point', () => {
    const exported = writeCampaignIni(parseCampaignIni(SECTION_7_EXAMPLE).doc);
    expect(exported).toBe(EXPORTED);
    expect(writeCampaignIni(parseCampaignIni(exported).doc)).toBe(EXPORTED);
  });

  it('applies the campaign defaults to a stage (keys missing in the stage get the default)', () => {
    const { doc } = parseCampaignIni(SECTION_7_EXAMPLE);
    expect(effectiveStage(doc, 'reco')).toEqual({
      name: 'reco',
      voRole: 'Production',
      softwareVersion: '%(rel)s',
      datasetOrSplitData: 'from_parent',
      csSplitType: null,
      completionType: 'complete',
      completionPct: 95,
      paramOverrides: [['--stage=', 'reco']],
      testParamOverrides: [['-Oglobal.nevents=', '10']],
      mergeOverrides: false,
      loginSetup: 'demo_login',
      jobType: 'demo_jt',
      stageType: 'regular',
      outputAncestorDepth: 1,
      defaultClearCronjob: true,
    });
    expect(missingRequired(doc)).toEqual([]);
    expect(externalReferences(doc)).toEqual({ jobTypes: [], loginSetups: [] });
  });
});
