import { expect } from 'vitest';
import { IniFormatError, parseCampaignIni, type Problem } from '../../../../src/domain/ini/index.js';

/** The IniFormatError that parsing `input` throws (fails the test when it parses). */
export function parseError(input: string | Uint8Array): IniFormatError {
  try {
    parseCampaignIni(input);
  } catch (e) {
    expect(e).toBeInstanceOf(IniFormatError);
    return e as IniFormatError;
  }
  throw new Error('expected the file to be refused');
}

export const problemsOf = (input: string | Uint8Array): Problem[] => parseError(input).details;

/** A small valid file; `extra` is appended (lines joined with "\n"). */
export function validIni(...extra: string[]): string {
  return [
    '[campaign]',
    'name = demo',
    '',
    '[campaign_defaults]',
    'vo_role = Production',
    'software_version = v1',
    'dataset_or_split_data = input_def',
    'cs_split_type = None',
    'login_setup = ls',
    'job_type = jt',
    '',
    '[campaign_stage gen]',
    '',
    '[campaign_stage reco]',
    ...extra,
  ].join('\n');
}
