import { describe, expect, it } from 'vitest';
import { namedSubmission } from '../../../../src/domain/files/attribution.js';
import {
  fileAmongDims,
  fileInProjectsDims,
  metadataRows,
} from '../../../../src/domain/files/file-provenance.js';

describe('file provenance', () => {
  it('reads the submission a file names under the configured parameter, as a number or digits', () => {
    expect(namedSubmission({ 'poms.submission_id': 12 }, 'poms.submission_id')).toBe(12);
    expect(namedSubmission({ 'poms.submission_id': ' 7 ' }, 'poms.submission_id')).toBe(7);
    expect(namedSubmission({ 'prod.sid': 9, 'poms.submission_id': 12 }, 'prod.sid')).toBe(9);
    expect(namedSubmission({ 'Prod.SID': '9' }, 'prod.sid')).toBe(9);
  });
  it('names none without a configured parameter, or for another, absent or malformed value', () => {
    expect(namedSubmission({ 'poms.submission_id': 12 }, null)).toBeNull();
    expect(namedSubmission({ 'poms.submission_id': 12 }, 'prod.sid')).toBeNull();
    for (const v of [undefined, null, '', 'abc', -1, 0, 1.5, '1e3', Number.MAX_SAFE_INTEGER + 2])
      expect(namedSubmission({ 'poms.submission_id': v }, 'poms.submission_id')).toBeNull();
    expect(namedSubmission(null, 'poms.submission_id')).toBeNull();
  });
  it('asks SAM about one file: among a submission’s outputs, in some projects', () => {
    expect(fileAmongDims('a.root', "version 'v1'")).toBe("file_name 'a.root' and version 'v1'");
    expect(fileInProjectsDims('a.root', ['p1', 'p2'], 'consumed')).toBe(
      "file_name 'a.root' and project_name 'p1','p2' and consumed_status co%",
    );
    expect(fileInProjectsDims('a.root', ['p1'], 'delivered')).toContain(
      'consumed_status consumed,completed,',
    );
    expect(() => fileInProjectsDims('it\'s".root', ['p'], 'delivered')).toThrow(/quote/);
  });
  it('lists metadata sorted, nested values as JSON, name and parents apart', () => {
    expect(
      metadataRows({
        file_name: 'f',
        parents: [{ file_name: 'p' }],
        runs: [[1, 2, 'physics']],
        data_tier: 'raw',
      }),
    ).toEqual([
      ['data_tier', 'raw'],
      ['runs', '[[1,2,"physics"]]'],
    ]);
  });
});
