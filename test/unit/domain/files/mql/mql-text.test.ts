import { describe, expect, it } from 'vitest';
import {
  likeToRegex,
  mqlDatetime,
  mqlString,
  qualifiedName,
} from '../../../../../src/domain/files/mql/mql-text.js';

describe('MQL literals', () => {
  it('quotes strings with backslash escapes', () => {
    expect(mqlString('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
  it('turns LIKE patterns into anchored regular expressions', () => {
    expect(likeToRegex('reco_%.root')).toBe('^reco..*\\.root$');
    expect(likeToRegex('a(b)+')).toBe('^a\\(b\\)\\+$');
  });
  it('writes datetimes in UTC to the second', () => {
    expect(mqlDatetime(new Date('2026-12-07T10:22:03.456Z'))).toBe('datetime("2026-12-07T10:22:03")');
  });
  it('splits qualified names and refuses others', () => {
    expect(qualifiedName('dune:raw-2.v1')).toEqual({ namespace: 'dune', name: 'raw-2.v1' });
    expect(() => qualifiedName('raw')).toThrow(/namespace:name/);
    expect(() => qualifiedName('dune:a b')).toThrow(/namespace:name/);
  });
});
