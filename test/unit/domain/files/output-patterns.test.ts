import { describe, expect, it } from 'vitest';
import { distinctPatterns, splitOutputPatterns } from '../../../../src/domain/files/output-patterns.js';

describe('output patterns', () => {
  it('splits the comma list, trims, drops blanks and repeats', () => {
    expect(splitOutputPatterns('%.root, %.art ,,%.root')).toEqual(['%.root', '%.art']);
    expect(splitOutputPatterns('data_tier reco')).toEqual(['data_tier reco']);
  });

  it('blank or missing means every file', () => {
    expect(splitOutputPatterns('')).toEqual(['%']);
    expect(splitOutputPatterns(null)).toEqual(['%']);
    expect(splitOutputPatterns(' , ')).toEqual(['%']);
  });

  it('distinctPatterns keeps first-seen order; blank is %', () => {
    expect(distinctPatterns(['b', ' a', 'b', '', '%'])).toEqual(['b', 'a', '%']);
  });
});
