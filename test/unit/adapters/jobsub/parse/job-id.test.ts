import { describe, expect, it } from 'vitest';
import {
  formatJobId,
  parseJobId,
  toLensJobId,
  toPomsJobId,
} from '../../../../../src/adapters/jobsub/parse/index.js';

describe('job ids', () => {
  it.each([
    ['81234567.0@jobsub05.fnal.gov', { cluster: 81234567, proc: 0, schedd: 'jobsub05.fnal.gov' }],
    ['81234567@jobsub05.fnal.gov', { cluster: 81234567, proc: null, schedd: 'jobsub05.fnal.gov' }],
    ['5001.3@sim-schedd01.example', { cluster: 5001, proc: 3, schedd: 'sim-schedd01.example' }],
    [
      '81234567.000000.0.000000@jobsub05.fnal.gov',
      { cluster: 81234567, proc: 0, schedd: 'jobsub05.fnal.gov' },
    ],
  ])('parses %s', (text, expected) => {
    expect(parseJobId(text)).toEqual(expected);
  });

  it.each(['', '5001', '5001.0', '@schedd', 'x5001@s', '5001.0@', '5001.0@s d', '5001..0@s'])(
    'rejects %j',
    (t) => {
      expect(parseJobId(t)).toBeNull();
    },
  );

  it.each([
    ['5001.0@s.example', '5001@s.example', '5001.0@s.example'],
    ['5001@s.example', '5001@s.example', '5001.0@s.example'],
    ['5001.3@s.example', '5001.3@s.example', '5001.3@s.example'],
    ['5001.000000.0.000000@s.example', '5001@s.example', '5001.0@s.example'],
  ])('%s → POMS %s, Lens %s', (id, poms, lens) => {
    expect(toPomsJobId(id)).toBe(poms);
    expect(toLensJobId(id)).toBe(lens);
  });

  it('falls back to the plain POMS rule on unparsable text', () => {
    expect(toPomsJobId('weird 5001.0@x y')).toBe('weird 5001@x y');
    expect(toLensJobId('weird')).toBe('weird');
  });

  it('formats both forms', () => {
    expect(formatJobId({ cluster: 7, proc: null, schedd: 's' })).toBe('7@s');
    expect(formatJobId({ cluster: 7, proc: 2, schedd: 's' })).toBe('7.2@s');
  });
});
