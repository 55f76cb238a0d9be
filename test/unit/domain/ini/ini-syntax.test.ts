import { describe, expect, it } from 'vitest';
import { parseCampaignIni, writeCampaignIni } from '../../../../src/domain/ini/index.js';
import { problemsOf, validIni } from './ini-test-helpers.js';

const reco = (...lines: string[]) => parseCampaignIni(validIni(...lines)).doc.stages[1];
const loginSetup = (...lines: string[]) =>
  parseCampaignIni(validIni('[login_setup ls]', 'host = h', 'account = a', ...lines)).doc.loginSetups[0];

describe('.ini syntax (ConfigParser without interpolation)', () => {
  it('takes key = value and key: value, folding keys to lower case', () => {
    expect(reco('VO_ROLE: Analysis', 'Software_Version=v2')).toEqual({
      name: 'reco',
      voRole: 'Analysis',
      softwareVersion: 'v2',
    });
  });

  it('splits at the first = or :, keeping the rest in the value', () => {
    expect(reco('dataset_or_split_data = defname: a = b')).toMatchObject({
      datasetOrSplitData: 'defname: a = b',
    });
  });

  it('has no inline comments: ; and # inside a value are kept', () => {
    expect(loginSetup('setup=source a.sh; setup b # not a comment').setup).toBe(
      'source a.sh; setup b # not a comment',
    );
  });

  it('skips whole-line # and ; comments, indented or not', () => {
    expect(reco('# vo_role = Analysis', '  ; vo_role = Analysis', 'software_version = v3')).toEqual({
      name: 'reco',
      softwareVersion: 'v3',
    });
  });

  it('keeps % literally (no interpolation)', () => {
    expect(reco('software_version = %(rel)s', 'param_overrides = [["-O", "100%%"]]')).toMatchObject({
      softwareVersion: '%(rel)s',
      paramOverrides: [['-O', '100%%']],
    });
  });

  it('continues a value on deeper-indented lines: trimmed, inner blank lines kept, comments skipped', () => {
    const text = validIni(
      '[login_setup ls]',
      'setup = source /cvmfs/setup.sh',
      '    setup fife_utils',
      '',
      '      if true; then',
      '# a comment line',
      '    fi',
      '',
      'host = h',
      'account = a',
    );
    const [setup] = parseCampaignIni(text).doc.loginSetups;
    expect(setup).toEqual({
      name: 'ls',
      host: 'h',
      account: 'a',
      setup: 'source /cvmfs/setup.sh\nsetup fife_utils\n\nif true; then\nfi',
    });
  });

  it('reads a value that starts on the next line', () => {
    expect(loginSetup('setup =', '   source a.sh', '   setup b').setup).toBe('source a.sh\nsetup b');
  });

  it('reads a JSON value spread over several lines', () => {
    expect(reco('param_overrides = [["-a", "1"],', '   ["-b", "2"]]').paramOverrides).toEqual([
      ['-a', '1'],
      ['-b', '2'],
    ]);
  });

  it('reads CRLF and CR line ends, and skips a byte-order mark', () => {
    const text = '\uFEFF' + validIni('vo_role = Analysis').replaceAll('\n', '\r\n');
    expect(parseCampaignIni(text).doc.stages[1].voRole).toBe('Analysis');
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode(validIni().replaceAll('\n', '\r')),
    ]);
    expect(parseCampaignIni(bytes).doc.campaign.name).toBe('demo');
  });

  it('trims section names and ignores blanks between kind and name', () => {
    const { doc } = parseCampaignIni(validIni('[campaign_stage   my stage  ]'));
    expect(doc.stages.map((s) => s.name)).toEqual(['gen', 'reco', 'my stage']);
  });

  it('refuses names and one-word values written on several lines', () => {
    expect(problemsOf(validIni('job_type = a', '   b'))).toEqual([
      { line: 15, section: 'campaign_stage reco', key: 'job_type', message: 'Expected a value on one line' },
    ]);
  });
});

describe('.ini values', () => {
  it('reads JSON bare, wrapped in double quotes, or as a quoted JSON string', () => {
    expect(reco('param_overrides = "[]"').paramOverrides).toEqual([]);
    expect(reco('param_overrides = "[["-a", "1"]]"').paramOverrides).toEqual([['-a', '1']]);
    expect(reco('param_overrides = "[[\\"-a\\", \\"1\\"]]"').paramOverrides).toEqual([['-a', '1']]);
    expect(problemsOf(validIni('param_overrides = "oops"'))[0].message).toBe(
      'Expected a JSON list of [option, value] pairs, got "oops"',
    );
  });

  it('reads None (any case) as the explicit "none" and an empty value as "not set"', () => {
    expect(reco('dataset_or_split_data = None', 'cs_split_type = none', 'test_split_type =')).toEqual({
      name: 'reco',
      datasetOrSplitData: null,
      csSplitType: null,
    });
  });

  it('normalises the letter case of vo_role, completion_type, stage_type and booleans', () => {
    expect(
      reco(
        'vo_role = production',
        'completion_type = Located',
        'stage_type = DataTransfer',
        'merge_overrides = true',
        'default_clear_cronjob = FALSE',
      ),
    ).toMatchObject({
      voRole: 'Production',
      completionType: 'located',
      stageType: 'datatransfer',
      mergeOverrides: true,
      defaultClearCronjob: false,
    });
  });

  it('reads numbers: percentages with decimals, depth as a whole number', () => {
    expect(reco('completion_pct = 99.5', 'output_ancestor_depth = 3')).toMatchObject({
      completionPct: 99.5,
      outputAncestorDepth: 3,
    });
    expect(reco('completion_pct = 100').completionPct).toBe(100);
  });

  it('reads stall_hours, whole hours from 1 to 720, in a stage and in [campaign_defaults]', () => {
    expect(reco('stall_hours = 12').stallHours).toBe(12);
    const withDefault = validIni('stall_hours = 3').replace(
      '[campaign_defaults]',
      '[campaign_defaults]\nstall_hours = 24',
    );
    expect(parseCampaignIni(withDefault).doc.defaults.stallHours).toBe(24);
    for (const bad of ['0', '721', '1.5', 'soon'])
      expect(problemsOf(validIni(`stall_hours = ${bad}`))).toEqual([
        {
          line: 15,
          section: 'campaign_stage reco',
          key: 'stall_hours',
          message: `Expected a whole number of hours from 1 to 720, got '${bad}'`,
        },
      ]);
  });

  it('accepts state in a stage and ignores it', () => {
    expect(reco('state = Inactive')).toEqual({ name: 'reco' });
  });

  it('ignores state and empty values in [campaign_defaults]', () => {
    const text = validIni().replace(
      '[campaign_defaults]',
      '[campaign_defaults]\nstate = Active\ncompletion_pct =',
    );
    expect(parseCampaignIni(text).doc.defaults).toEqual({
      voRole: 'Production',
      softwareVersion: 'v1',
      datasetOrSplitData: 'input_def',
      csSplitType: null,
      loginSetup: 'ls',
      jobType: 'jt',
    });
  });

  it('reads test_split_type (ours) like cs_split_type', () => {
    expect(reco('test_split_type = nfiles(1)').testSplitType).toBe('nfiles(1)');
  });

  it('reads campaign_keywords from [campaign_defaults] too; those win, with a warning', () => {
    const text = validIni()
      .replace('name = demo', 'name = demo\ncampaign_keywords = {"a": "1", "b": "2"}')
      .replace(
        '[campaign_defaults]',
        '[campaign_defaults]\ncampaign_keywords = "{\\"b\\": \\"3\\", \\"c\\": \\"4\\"}"',
      );
    const { doc, warnings } = parseCampaignIni(text);
    expect(doc.campaign.keywords).toEqual({ a: '1', b: '3', c: '4' });
    expect(warnings).toEqual([
      {
        line: 6,
        section: 'campaign_defaults',
        key: 'campaign_keywords',
        message: "Keyword 'b' is '2' in [campaign] but '3' here; the [campaign_defaults] value is used",
      },
    ]);
  });

  it('reads campaign_stage_list names around commas and line breaks', () => {
    const text = validIni().replace(
      'name = demo',
      'name = demo\ncampaign_stage_list = gen ,reco,\n   ,  gen2',
    );
    const { doc, warnings } = parseCampaignIni(text);
    expect(doc.campaign.stageListHint).toEqual(['gen', 'reco', 'gen2']);
    expect(warnings.map((w) => w.message)).toEqual([
      "Stage 'gen2' is in campaign_stage_list but no [campaign_stage gen2] section defines it; ignored",
    ]);
  });

  it('keeps node positions for unknown nodes, with a warning', () => {
    const { doc, warnings } = parseCampaignIni(
      validIni(
        '[node_positions]',
        'nxy0 = ["campaign demo", -1.5, 2]',
        'nxy1 = ["old", 3, 4]',
        'nxy2 = "[\\"gen\\", 0, 0]"',
      ),
    );
    expect(doc.nodePositions).toEqual([
      { id: 'campaign demo', x: -1.5, y: 2 },
      { id: 'old', x: 3, y: 4 },
      { id: 'gen', x: 0, y: 0 },
    ]);
    expect(warnings).toEqual([
      {
        line: 17,
        section: 'node_positions',
        key: 'nxy1',
        message: "Node 'old' is neither the campaign nor one of its stages; its position is kept",
      },
    ]);
  });

  it('converts proj_status to process_status in recoveries, with a warning', () => {
    const { doc, warnings } = parseCampaignIni(
      validIni(
        '[job_type jt]',
        'launch_script = fife_launch',
        'recoveries = [["added_files", []], ["proj_status", []]]',
      ),
    );
    expect(doc.jobTypes[0].recoveries.map((r) => r.recoveryType)).toEqual(['added_files', 'process_status']);
    expect(warnings).toEqual([
      {
        line: 17,
        section: 'job_type jt',
        key: 'recoveries',
        message: "Recovery 2: 'proj_status' is the old name of 'process_status'; converted",
      },
    ]);
  });

  it('round-trips a multi-line setup exactly', () => {
    const setup = loginSetup('setup = source a.sh', '   setup b %(version)s', '', '   export X="[y]"');
    expect(setup.setup).toBe('source a.sh\nsetup b %(version)s\n\nexport X="[y]"');
    const { doc } = parseCampaignIni(validIni('[login_setup ls]', 'host = h', 'account = a', 'setup = x'));
    doc.loginSetups[0].setup = setup.setup;
    const written = writeCampaignIni(doc);
    expect(written).toContain('setup=source a.sh\n    setup b %(version)s\n\n    export X="[y]"\n');
    expect(parseCampaignIni(written).doc.loginSetups[0].setup).toBe(setup.setup);
  });
});
