import { describe, expect, it } from 'vitest';
import {
  externalReferences,
  missingRequired,
  parseCampaignIni,
  writeCampaignIni,
} from '../../../../src/domain/ini/index.js';
import { splitTypes, validateSplitSpec } from '../../../../src/domain/splits/index.js';
import {
  campaignFiles,
  fixtureFiles,
  readCampaignFile,
  realCorpusFiles,
  withRealCorpus,
} from '../../../helpers/campaign-files.js';

const listWarning = (line: number, stage: string) => ({
  line,
  section: 'campaign',
  key: 'campaign_stage_list',
  message: `Stage '${stage}' is in campaign_stage_list but no [campaign_stage ${stage}] section defines it; ignored`,
});
const renamed = (line: number, jobType: string) => ({
  line,
  section: `job_type ${jobType}`,
  key: 'recoveries',
  message: "Recovery 1: 'proj_status' is the old name of 'process_status'; converted",
});
const oneElement = (line: number, jobType: string) => ({
  line,
  section: `job_type ${jobType}`,
  key: 'recoveries',
  message: `Recovery 1 (process_status): item 1 ["-Oglobal.override_dataset=','%(dataset)s"] has no value; kept as an option on its own`,
});

/** Every warning each of our files (test/fixtures/ini) gives, exactly. */
const FIXTURE_WARNINGS: Record<string, unknown[]> = {
  'analysis-tutorial.ini': [renamed(33, 'fixture_ana_reco_jobtype')],
  'production-chain.ini': [
    listWarning(8, 'ana_missing'),
    renamed(103, 'fixture_reco_jobtype'),
    oneElement(109, 'fixture_merge_jobtype'),
  ],
  'split-types.ini': [],
};

/** Every warning each real corpus file gives, exactly. */
const CORPUS_WARNINGS: Record<string, unknown[]> = {
  'mu2e-mdc2020_beam.ini': [
    listWarning(5, 'beam_cat_fcl'),
    listWarning(5, 'beam_cat'),
    renamed(315, 'mu2e_cvmfs_beam_jobtype'),
  ],
  'mu2e-mdc2020_ceendpoint.ini': [
    renamed(107, 'mu2e_local_ce_jobtype'),
    oneElement(107, 'mu2e_local_ce_jobtype'),
    renamed(118, 'mu2e_cvmfs_ce_jobtype'),
    oneElement(118, 'mu2e_cvmfs_ce_jobtype'),
  ],
  'mu2e-mdc2020_cry.ini': [
    renamed(73, 'mu2e_cvmfs_cry_production_jobtype'),
    oneElement(73, 'mu2e_cvmfs_cry_production_jobtype'),
    renamed(84, 'mu2e_local_cry_jobtype'),
    oneElement(84, 'mu2e_local_cry_jobtype'),
  ],
  'mu2e-mdc2020_noprimary.ini': [
    listWarning(5, 'noprimary_mix'),
    renamed(94, 'mu2e_cvmfs_noprimary_jobtype'),
    oneElement(94, 'mu2e_cvmfs_noprimary_jobtype'),
    renamed(105, 'mu2e_local_noprimary_jobtype'),
    oneElement(105, 'mu2e_local_noprimary_jobtype'),
  ],
  'mu2e-wiki-tutorial.ini': [renamed(31, 'mu2e_reco_srsoleti_jobtype')],
};
const EXPECTED_WARNINGS = { ...FIXTURE_WARNINGS, ...CORPUS_WARNINGS };

/** Counts taken from the files with grep, independently of the parser. */
function sectionCounts(text: string) {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return {
    stages: count(/^\[campaign_stage /gm),
    dependencies: count(/^campaign_stage_\d+ *=/gm),
    jobTypes: count(/^\[job_type /gm),
    loginSetups: count(/^\[login_setup /gm),
  };
}

describe('campaign files: ours (test/fixtures/ini) and, when present, the real corpus', () => {
  it('holds our three files', () => {
    expect(fixtureFiles()).toEqual(Object.keys(FIXTURE_WARNINGS).sort());
  });

  describe.each(campaignFiles())('%s', (file) => {
    const bytes = readCampaignFile(file);
    const text = bytes.toString('utf8');

    it('parses, with exactly the expected warnings', () => {
      const { doc, warnings } = parseCampaignIni(bytes);
      expect(warnings).toEqual(EXPECTED_WARNINGS[file]);
      const counts = sectionCounts(text);
      expect(doc.stages).toHaveLength(counts.stages);
      expect(doc.dependencies).toHaveLength(counts.dependencies);
      expect(doc.jobTypes).toHaveLength(counts.jobTypes);
      expect(doc.loginSetups).toHaveLength(counts.loginSetups);
      expect(doc.campaign.experiment).toBe(file.startsWith('mu2e-') ? 'mu2e' : 'samdev');
    });

    it('parses the same from text as from bytes', () => {
      expect(parseCampaignIni(text)).toEqual(parseCampaignIni(bytes));
    });

    it('exports to a fixed point: export → parse → export gives the same text', () => {
      const first = writeCampaignIni(parseCampaignIni(bytes).doc);
      const again = parseCampaignIni(first);
      expect(writeCampaignIni(again.doc)).toBe(first);
      const messages = (ws: Array<{ message: string }>) => ws.map((w) => w.message);
      const original = parseCampaignIni(bytes).warnings.filter((w) => !w.message.includes("'proj_status'"));
      expect(messages(again.warnings)).toEqual(messages(original));
    });

    it('keeps everything: the export reads back as the same campaign', () => {
      const { doc } = parseCampaignIni(bytes);
      const back = parseCampaignIni(writeCampaignIni(doc)).doc;
      expect(back.campaign).toEqual(doc.campaign);
      expect(back.defaults).toEqual(doc.defaults);
      expect(back.jobTypes).toEqual(doc.jobTypes);
      expect(back.loginSetups).toEqual(doc.loginSetups);
      expect(new Set(back.dependencies)).toEqual(new Set(doc.dependencies));
      expect(back.stages.map((s) => s.name)).toEqual(doc.stages.map((s) => s.name));
    });

    it('has every required stage field after defaults, and only references it defines', () => {
      const { doc } = parseCampaignIni(bytes);
      expect(missingRequired(doc)).toEqual([]);
      expect(externalReferences(doc)).toEqual({ jobTypes: [], loginSetups: [] });
    });
  });

  it('reads continuation lines, keeps %% and skips comments and empty values (production-chain)', () => {
    const { doc } = parseCampaignIni(readCampaignFile('production-chain.ini'));
    expect(doc.loginSetups[0].setup).toBe(
      [
        'source /cvmfs/fermilab.opensciencegrid.org/products/common/etc/setups',
        'setup fife_utils v3_5_0, poms_jobsub_wrapper',
        '',
        'export STAMP=$(date +%%Y-%%m-%%d)',
        'kx509;',
      ].join('\n'),
    );
    const stage = (name: string) => doc.stages.find((s) => s.name === name);
    expect(stage('gen')?.paramOverrides).toEqual([
      ['--stage ', 'gen'],
      ['-Oglobal.date=', '%%Y%%m%%d'],
    ]);
    expect(stage('reco')).not.toHaveProperty('softwareVersion');
    expect(doc.defaults).not.toHaveProperty('testSplitType');
    expect(doc.campaign.keywords).toEqual({ release: 'v2_1', tier: 'reco' });
    expect(doc.nodePositions.map((p) => p.id)).toEqual(['gen_fcl', 'gen', 'reco', 'merge']);
    expect(doc.campaign.stageListHint).not.toContain('orphan');
    expect(doc.stages.map((s) => s.name)).toContain('orphan');
    expect(doc.dependencies).toContainEqual({ downstream: 'merge', upstream: 'gen', filePattern: '%' });
  });

  it('has one stage per split type, each spec valid for its dataset field (split-types)', () => {
    const { doc } = parseCampaignIni(readCampaignFile('split-types.ini'));
    const names = doc.stages.map((s) => s.name);
    expect(new Set(names)).toEqual(new Set(splitTypes.map((t) => t.name)));
    for (const s of doc.stages) {
      expect(
        validateSplitSpec(s.csSplitType, { dataset: s.datasetOrSplitData ?? undefined }),
        s.name,
      ).toEqual([]);
    }
  });

  withRealCorpus('the five files of the real corpus', () => {
    it('holds the five known real files', () => {
      expect(realCorpusFiles()).toEqual(Object.keys(CORPUS_WARNINGS).sort());
    });
    it('reads the wiki tutorial into the expected document', () => {
      const { doc } = parseCampaignIni(readCampaignFile('mu2e-wiki-tutorial.ini'));
      const jobType = (name: string, cfg: string, patterns: string) => ({
        name,
        launchScript: 'fife_launch',
        parameters: [['-c ', cfg]],
        outputFilePatterns: patterns,
      });
      const stage = (name: string) => ({
        name,
        paramOverrides: [['--stage ', name]],
        testParamOverrides: [['--stage ', name]],
      });
      expect(doc).toEqual({
        campaign: {
          name: 'srsoleti_tutorial',
          experiment: 'mu2e',
          pomsRole: 'analysis',
          keywords: {},
          stageListHint: ['reco_fcl', 'reco'],
        },
        defaults: {
          voRole: 'Analysis',
          softwareVersion: 'MDC2020t',
          datasetOrSplitData: null,
          csSplitType: null,
          completionType: 'complete',
          completionPct: 100,
          paramOverrides: [],
          testParamOverrides: [],
          mergeOverrides: false,
          loginSetup: 'srsoleti_poms_login',
          jobType: 'mu2e_reco_srsoleti_jobtype',
          stageType: 'regular',
          outputAncestorDepth: 1,
        },
        nodePositions: [],
        stages: [{ ...stage('reco_fcl'), jobType: 'generate_fcl_reco_srsoleti_jobtype' }, stage('reco')],
        loginSetups: [
          {
            name: 'srsoleti_poms_login',
            host: 'pomsgpvm01.fnal.gov',
            account: 'poms_launcher',
            setup: 'setup fife_utils v3_5_0, poms_client, poms_jobsub_wrapper;',
          },
        ],
        jobTypes: [
          {
            ...jobType('mu2e_reco_srsoleti_jobtype', '/mu2e/app/users/srsoleti/tutorial/reco.cfg', '%.art'),
            recoveries: [
              { recoveryType: 'process_status', paramOverrides: [['-Osubmit.dataset=', '%(dataset)s']] },
            ],
          },
          {
            ...jobType(
              'generate_fcl_reco_srsoleti_jobtype',
              '/mu2e/app/users/srsoleti/tutorial/reco.cfg',
              '%.fcl',
            ),
            recoveries: [],
          },
        ],
        dependencies: [{ downstream: 'reco', upstream: 'reco_fcl', filePattern: '%.fcl' }],
      });
    });

    it('keeps a one-element recovery pair as written', () => {
      const { doc } = parseCampaignIni(readCampaignFile('mu2e-mdc2020_cry.ini'));
      const jt = doc.jobTypes.find((j) => j.name === 'mu2e_local_cry_jobtype');
      expect(jt?.recoveries).toEqual([
        {
          recoveryType: 'process_status',
          paramOverrides: [["-Oglobal.override_dataset=','%(dataset)s"], ['--stage ', 'recovery']],
        },
      ]);
    });

    it('keeps stages that campaign_stage_list leaves out, with their dependencies', () => {
      const { doc } = parseCampaignIni(readCampaignFile('mu2e-mdc2020_beam.ini'));
      expect(doc.campaign.stageListHint).not.toContain('beam_splitter');
      expect(doc.stages.map((s) => s.name)).toContain('beam_splitter');
      expect(doc.dependencies).toContainEqual({
        downstream: 'beam_splitter',
        upstream: 'beam_splitter_fcl',
        filePattern: '%.fcl',
      });
    });
  });
});
