import { describe, expect, it } from 'vitest';
import { IniFormatError, MAX_INI_BYTES, parseCampaignIni } from '../../../../src/domain/ini/index.js';
import { parseError, problemsOf, validIni } from './ini-test-helpers.js';

// validIni() has 14 lines; its [campaign_stage reco] header is line 14, so extra lines start at 15.

describe('refused .ini files: every problem named by line, section and key', () => {
  it('accepts the base file', () => {
    expect(parseCampaignIni(validIni()).warnings).toEqual([]);
  });

  it('bad JSON value', () => {
    const [p] = problemsOf(validIni('param_overrides = [["--stage=", "reco"]'));
    expect(p).toMatchObject({ line: 15, section: 'campaign_stage reco', key: 'param_overrides' });
    expect(p.message).toMatch(/^Not valid JSON \(.+\)$/);
  });

  it('JSON of the wrong shape', () => {
    expect(problemsOf(validIni('test_param_overrides = [["-N", 5]]'))).toEqual([
      {
        line: 15,
        section: 'campaign_stage reco',
        key: 'test_param_overrides',
        message: 'Expected a JSON list of [option, value] pairs; item 1 is ["-N",5]',
      },
    ]);
    expect(problemsOf(validIni('param_overrides = {"a": "b"}'))[0].message).toBe(
      'Expected a JSON list of [option, value] pairs, got {"a":"b"}',
    );
  });

  it('bad recoveries, keywords and node positions', () => {
    const text = [
      '[campaign]',
      'name = demo',
      'campaign_keywords = {"v": 3}',
      '[campaign_stage a]',
      '[job_type jt]',
      'launch_script = fife_launch',
      'recoveries = [["retry_everything", []]]',
      '[node_positions]',
      'nxy0 = ["a", "left", 0]',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      { line: 3, section: 'campaign', key: 'campaign_keywords', message: "Keyword 'v' must be text, got 3" },
      {
        line: 7,
        section: 'job_type jt',
        key: 'recoveries',
        message:
          "Recovery 1: unknown recovery type 'retry_everything' (known: consumed_status, process_status, added_files, delivered_not_consumed, pending_files)",
      },
      {
        line: 9,
        section: 'node_positions',
        key: 'nxy0',
        message: 'Expected ["node id", x, y], got ["a","left",0]',
      },
    ]);
  });

  it('unknown section kind', () => {
    expect(problemsOf(validIni('[campaign_stuff x]', 'a = b'))).toEqual([
      {
        line: 15,
        section: 'campaign_stuff x',
        message:
          "Unknown section kind 'campaign_stuff'; expected one of [campaign], [campaign_defaults], [node_positions], [campaign_stage <name>], [dependencies <name>], [login_setup <name>], [job_type <name>]",
      },
    ]);
  });

  it('section headers with a missing or unexpected name, or malformed', () => {
    expect(problemsOf(validIni('[job_type]', '[campaign_defaults x]', '[job_type', '[]'))).toEqual([
      { line: 15, section: 'job_type', message: '[job_type] needs a name: [job_type <name>]' },
      { line: 16, section: 'campaign_defaults x', message: "[campaign_defaults] takes no name (found 'x')" },
      { line: 17, message: "Malformed section header '[job_type'; expected [kind] or [kind name]" },
      { line: 18, message: "Malformed section header '[]'; expected [kind] or [kind name]" },
    ]);
  });

  it('duplicate section', () => {
    expect(problemsOf(validIni('[campaign_stage  gen ]', 'vo_role = Analysis'))).toEqual([
      {
        line: 15,
        section: 'campaign_stage gen',
        message: 'Duplicate section [campaign_stage gen]; first at line 12',
      },
    ]);
  });

  it('duplicate key (keys are case-insensitive)', () => {
    expect(problemsOf(validIni('vo_role = Analysis', 'VO_Role: Production'))).toEqual([
      {
        line: 16,
        section: 'campaign_stage reco',
        key: 'vo_role',
        message: "Duplicate key 'vo_role'; first at line 15",
      },
    ]);
  });

  it('unknown key, naming it and the keys the section takes', () => {
    expect(problemsOf(validIni('state = Active', 'dataset = x'))).toEqual([
      {
        line: 16,
        section: 'campaign_stage reco',
        key: 'dataset',
        message:
          "Unknown key 'dataset'; [campaign_stage] takes vo_role, software_version, dataset_or_split_data, cs_split_type, test_split_type, completion_type, completion_pct, param_overrides, test_param_overrides, merge_overrides, login_setup, job_type, stage_type, output_ancestor_depth, default_clear_cronjob, stall_hours, state",
      },
    ]);
  });

  it('lines that are not key = value, and keys before any section', () => {
    const text = [
      'name = early',
      '[campaign]',
      'name = demo',
      'just some words',
      '= value',
      '[campaign_stage a]',
    ];
    expect(problemsOf(text.join('\n'))).toEqual([
      {
        line: 1,
        key: 'name',
        message: 'Line is not in any section; the file must start with a [section] header',
      },
      {
        line: 4,
        section: 'campaign',
        message: "Expected 'key = value' or 'key: value', got 'just some words'",
      },
      { line: 5, section: 'campaign', message: "Missing key before '='" },
    ]);
  });

  it('dependency cycle, naming the stages in order', () => {
    const text = validIni(
      '[campaign_stage merge]',
      '[dependencies gen]',
      'campaign_stage_1 = merge',
      'file_pattern_1 = %.root',
      '[dependencies reco]',
      'campaign_stage_1 = gen',
      'file_pattern_1 = %.root',
      '[dependencies merge]',
      'campaign_stage_1 = reco',
      'file_pattern_1 = %',
    );
    expect(problemsOf(text)).toEqual([
      {
        line: 17,
        section: 'dependencies gen',
        key: 'campaign_stage_1',
        message: 'Dependency cycle: gen → reco → merge → gen',
      },
    ]);
  });

  it('reports each separate cycle once', () => {
    const deps = (down: string, ...ups: string[]) => [
      `[dependencies ${down}]`,
      ...ups.flatMap((up, i) => [`campaign_stage_${i + 1} = ${up}`, `file_pattern_${i + 1} = %`]),
    ];
    const text = validIni(
      '[campaign_stage c]',
      '[campaign_stage d]',
      ...deps('gen', 'reco'),
      ...deps('reco', 'gen'),
      ...deps('c', 'd', 'gen'),
      ...deps('d', 'c'),
    );
    expect(problemsOf(text).map((p) => p.message)).toEqual([
      'Dependency cycle: gen → reco → gen',
      'Dependency cycle: c → d → c',
    ]);
  });

  it('unknown upstream stage, and dependencies of a stage the file does not define', () => {
    const text = validIni(
      '[dependencies reco]',
      'campaign_stage_1 = gen',
      'file_pattern_1 = %.root',
      'campaign_stage_2 = simulation',
      'file_pattern_2 = %.art',
      '[dependencies ghost]',
      'campaign_stage_1 = gen',
      'file_pattern_1 = %',
    );
    expect(problemsOf(text)).toEqual([
      {
        line: 18,
        section: 'dependencies reco',
        key: 'campaign_stage_2',
        message: "Stage 'simulation' is not defined in this file",
      },
      {
        line: 20,
        section: 'dependencies ghost',
        message: 'No [campaign_stage ghost] section defines the stage these dependencies are for',
      },
    ]);
  });

  it('unpaired dependency keys, empty values and a repeated upstream', () => {
    const text = validIni(
      '[dependencies reco]',
      'campaign_stage_1 = gen',
      'campaign_stage_2 = gen',
      'file_pattern_2 = %',
      'file_pattern_3 = %',
      'campaign_stage_4 =',
      'file_pattern_4 = %',
      'campaign_stage_5 = gen',
      'file_pattern_5 =',
      'campaign_stage_6 = gen',
      'file_pattern_6 = %.art',
    );
    expect(problemsOf(text)).toEqual([
      {
        line: 16,
        section: 'dependencies reco',
        key: 'campaign_stage_1',
        message: 'campaign_stage_1 has no file_pattern_1',
      },
      {
        line: 19,
        section: 'dependencies reco',
        key: 'file_pattern_3',
        message: 'file_pattern_3 has no campaign_stage_3',
      },
      {
        line: 20,
        section: 'dependencies reco',
        key: 'campaign_stage_4',
        message: 'The upstream stage name is empty',
      },
      {
        line: 22,
        section: 'dependencies reco',
        key: 'campaign_stage_5',
        message: "Stage 'gen' is already an upstream of 'reco' (campaign_stage_2)",
      },
      {
        line: 24,
        section: 'dependencies reco',
        key: 'campaign_stage_6',
        message: "Stage 'gen' is already an upstream of 'reco' (campaign_stage_2)",
      },
    ]);
  });

  describe('self-dependency', () => {
    const selfDep = ['[dependencies reco]', 'campaign_stage_1 = reco', 'file_pattern_1 = %.root'];
    const message = (split: string) =>
      `Stage 'reco' depends on itself; that needs a split type other than None or draining (cs_split_type is ${split})`;

    it('is refused without a split type (None from the defaults)', () => {
      expect(problemsOf(validIni(...selfDep))).toEqual([
        { line: 16, section: 'dependencies reco', key: 'campaign_stage_1', message: message('None') },
      ]);
    });

    it('is refused with draining, or when no split type is set anywhere', () => {
      expect(problemsOf(validIni('cs_split_type = Draining', ...selfDep))[0].message).toBe(
        message('Draining'),
      );
      const noDefault = validIni(...selfDep).replace('cs_split_type = None\n', '');
      expect(problemsOf(noDefault)[0].message).toBe(message('not set'));
    });

    it('is accepted with a split type of its own or from the defaults', () => {
      expect(parseCampaignIni(validIni('cs_split_type = nfiles(10)', ...selfDep)).doc.dependencies).toEqual([
        { downstream: 'reco', upstream: 'reco', filePattern: '%.root' },
      ]);
      const fromDefaults = validIni(...selfDep).replace('cs_split_type = None', 'cs_split_type = mod(3)');
      expect(parseCampaignIni(fromDefaults).doc.dependencies).toHaveLength(1);
    });
  });

  it('non-UTF-8 bytes, naming the line', () => {
    const bytes = new TextEncoder().encode(validIni('software_version = v1_X'));
    bytes[bytes.length - 1] = 0xe9; // a Latin-1 "é"
    const err = parseError(bytes);
    expect(err.code).toBe('invalid_input');
    expect(err.details).toEqual([
      {
        line: 15,
        message: `The .ini file is not UTF-8 text: byte 0xE9 at offset ${bytes.length - 1}; save it as UTF-8`,
      },
    ]);
  });

  it('empty file', () => {
    for (const input of ['', '  \n\n\t', new Uint8Array(0)]) {
      const err = parseError(input);
      expect(err.message).toBe('The .ini file is empty');
      expect(err.details).toEqual([{ message: 'The .ini file is empty' }]);
    }
  });

  it('over 5 MiB is too large (413), exactly 5 MiB is read', () => {
    const base = new TextEncoder().encode(validIni(''));
    const padded = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x20); // blanks after the last line
      bytes.set(base);
      return bytes;
    };
    const err = parseError(padded(MAX_INI_BYTES + 1));
    expect(err.code).toBe('too_large');
    expect(err.status).toBe(413);
    expect(err.message).toBe('The .ini file is too large: 5242881 bytes, the limit is 5242880 bytes (5 MiB)');
    expect(parseError('#'.repeat(MAX_INI_BYTES + 1)).code).toBe('too_large');
    expect(parseError('é'.repeat(MAX_INI_BYTES / 2 + 1)).code).toBe('too_large');
    expect(parseCampaignIni(padded(MAX_INI_BYTES)).doc.stages).toHaveLength(2);
  });

  it('missing [campaign] section', () => {
    const err = parseError('[campaign_stage a]\nvo_role = Production\n');
    expect(err.code).toBe('invalid_input');
    expect(err.status).toBe(400);
    expect(err.message).toBe('No [campaign] section in the file');
    expect(err.details).toEqual([{ message: 'No [campaign] section in the file' }]);
  });

  it('[campaign] without name, and no stage section', () => {
    expect(problemsOf('[campaign]\nexperiment = samdev\n')).toEqual([
      { line: 1, section: 'campaign', key: 'name', message: "Missing key 'name'" },
      { message: 'No [campaign_stage <name>] section in the file' },
    ]);
    expect(problemsOf('[campaign]\nname =\n[campaign_stage a]')).toEqual([
      { line: 2, section: 'campaign', key: 'name', message: 'The campaign name is empty' },
    ]);
  });

  it('invalid scalar values', () => {
    const text = validIni(
      'completion_pct = 0',
      'output_ancestor_depth = 1.5',
      'completion_type = done',
      'stage_type = batch',
      'vo_role = root',
      'merge_overrides = yes',
      '[campaign_stage more]',
      'completion_pct = 100.5',
      'output_ancestor_depth = 0',
      'default_clear_cronjob = 1',
    );
    const at = (line: number, section: string, key: string, message: string) => ({
      line,
      section,
      key,
      message,
    });
    const reco = 'campaign_stage reco';
    expect(problemsOf(text)).toEqual([
      at(15, reco, 'completion_pct', "Expected a percentage greater than 0 and at most 100, got '0'"),
      at(16, reco, 'output_ancestor_depth', "Expected a whole number of at least 1, got '1.5'"),
      at(17, reco, 'completion_type', "Expected located or complete, got 'done'"),
      at(
        18,
        reco,
        'stage_type',
        "Expected one of regular, generator, approval, datatransfer, test, got 'batch'",
      ),
      at(19, reco, 'vo_role', "Expected Production or Analysis, got 'root'"),
      at(20, reco, 'merge_overrides', "Expected True or False, got 'yes'"),
      at(
        22,
        'campaign_stage more',
        'completion_pct',
        "Expected a percentage greater than 0 and at most 100, got '100.5'",
      ),
      at(
        23,
        'campaign_stage more',
        'output_ancestor_depth',
        "Expected a whole number of at least 1, got '0'",
      ),
      at(24, 'campaign_stage more', 'default_clear_cronjob', "Expected True or False, got '1'"),
    ]);
  });

  it('login setups and job types missing what they need', () => {
    const text = validIni(
      '[login_setup ls]',
      'host =',
      'setup = source x',
      '[job_type jt]',
      'parameters = []',
      'input_files_per_job = 1',
    );
    expect(problemsOf(text)).toEqual([
      { line: 15, section: 'login_setup ls', key: 'account', message: "Missing key 'account'" },
      { line: 16, section: 'login_setup ls', key: 'host', message: 'The launch host is empty' },
      { line: 18, section: 'job_type jt', key: 'launch_script', message: "Missing key 'launch_script'" },
      {
        line: 20,
        section: 'job_type jt',
        key: 'input_files_per_job',
        message:
          "Unknown key 'input_files_per_job'; [job_type] takes launch_script, parameters, output_file_patterns, recoveries",
      },
    ]);
  });

  it('collects all problems of a file in line order, in one error', () => {
    const text = validIni('[bogus]', '[campaign_stage gen]', 'vo_role = Analysis', 'vo_role = Analysis');
    const err = parseError(text.replace('name = demo', 'name = demo\nname = again'));
    expect(err).toBeInstanceOf(IniFormatError);
    expect(err.message).toBe('The campaign .ini file has 3 problems');
    expect(err.details.map((p) => p.line)).toEqual([3, 16, 17]);
  });

  it('caps the number of details at 100', () => {
    const err = parseError(['[campaign]', ...Array.from({ length: 150 }, (_, i) => `junk ${i}`)].join('\n'));
    expect(err.details).toHaveLength(101);
    // 150 unreadable lines, then the missing name and the missing stage sections
    expect(err.details[100]).toEqual({ message: '...and 52 more problems' });
  });
});
