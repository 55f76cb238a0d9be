import { describe, expect, it } from 'vitest';
import { MAX_INI_BYTES, parseCampaignIni, writeCampaignIni } from '../../../../src/domain/ini/index.js';
import { parseError, validIni } from './ini-test-helpers.js';

// Files close to the 5 MiB limit must be read in linear time and refused, if at all, with
// IniFormatError (never a RangeError from a huge argument list or deep recursion).

describe('large .ini files', () => {
  it('reads and writes 20,000 chained stages', () => {
    const lines = ['[campaign]', 'name = big', '[campaign_stage s0]'];
    for (let i = 1; i < 20_000; i++) {
      lines.push(
        `[campaign_stage s${i}]`,
        `[dependencies s${i}]`,
        `campaign_stage_1 = s${i - 1}`,
        'file_pattern_1 = %',
      );
    }
    const text = lines.join('\n');
    expect(text.length).toBeLessThan(MAX_INI_BYTES);
    const { doc } = parseCampaignIni(text);
    expect(doc.stages).toHaveLength(20_000);
    const written = writeCampaignIni(doc);
    expect(writeCampaignIni(parseCampaignIni(written).doc)).toBe(written);
  });

  it('refuses a dependency section with 100,000 unknown upstream stages, listing 100 of them', () => {
    const deps = Array.from({ length: 100_000 }, (_, i) => `campaign_stage_${i}=x${i}\nfile_pattern_${i}=%`);
    const err = parseError(validIni('[dependencies reco]', ...deps));
    expect(err.details).toHaveLength(101);
    expect(err.details[100].message).toBe('...and 99900 more problems');
  });

  it('keeps 100,000 node positions and a value continued after a million blank lines', () => {
    const positions = Array.from({ length: 100_000 }, (_, i) => `nxy${i}=["n${i}", ${i}, 0]`);
    const { doc, warnings } = parseCampaignIni(validIni('[node_positions]', ...positions));
    expect(doc.nodePositions).toHaveLength(100_000);
    expect(warnings).toHaveLength(100_000);
    const blanks = '\n'.repeat(1_000_000);
    const setup = parseCampaignIni(validIni('[login_setup ls]', 'host=h', 'account=a', `setup=a${blanks}  b`))
      .doc.loginSetups[0].setup;
    expect(setup).toBe(`a${blanks}b`);
  });
});
