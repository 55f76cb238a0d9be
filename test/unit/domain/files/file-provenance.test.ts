import { describe, expect, it } from 'vitest';
import { metadataRows, producedBy } from '../../../../src/domain/files/file-provenance.js';

describe('file provenance', () => {
  it('reads the submission a file names, as a number or digits', () => {
    expect(producedBy({ 'poms.submission_id': 12 })).toBe(12);
    expect(producedBy({ 'poms.submission_id': ' 7 ' })).toBe(7);
  });
  it('names none for absent, malformed or impossible ids', () => {
    for (const v of [undefined, null, '', 'abc', -1, 0, 1.5, '1e3', Number.MAX_SAFE_INTEGER + 2])
      expect(producedBy({ 'poms.submission_id': v })).toBeNull();
    expect(producedBy(null)).toBeNull();
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
