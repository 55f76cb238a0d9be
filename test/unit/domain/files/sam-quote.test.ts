import { describe, expect, it } from 'vitest';
import { fileSelector, lineage, samQuote, samQuoteList } from '../../../../src/domain/files/sam-quote.js';
import { samTime } from '../../../../src/domain/files/sam-time.js';
import { AppError } from '../../../../src/lib/errors.js';

describe('samQuote', () => {
  it('single-quotes values', () => {
    expect(samQuote('mu2e_reco_p1', 'project')).toBe("'mu2e_reco_p1'");
    expect(samQuote('%.root', 'pattern')).toBe("'%.root'");
    expect(samQuote('a b', 'x')).toBe("'a b'");
    expect(samQuoteList(['p1', 'p2'], 'project')).toBe("'p1','p2'");
  });

  it('double-quotes a value containing a single quote (SAM strips quotes without unescaping)', () => {
    expect(samQuote("O'Brien_p1", 'project')).toBe(`"O'Brien_p1"`);
  });

  it.each([
    ['', 'empty value'],
    [`it's "x"`, 'contains both kinds of quote'],
    ['a\\b', 'contains a backslash'],
    ['a\nb', 'contains a control character'],
    ['caf\u00e9', 'contains a non-ASCII character'],
  ])('refuses %j: %s', (value, problem) => {
    try {
      samQuote(value, 'software_version');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toEqual([{ field: 'software_version', message: problem }]);
    }
  });
});

describe('fileSelector', () => {
  it('a pattern without spaces is a quoted LIKE on the file name', () => {
    expect(fileSelector('%.root')).toBe("file_name like '%.root'");
    expect(fileSelector(' reco_%_v2.art ')).toBe("file_name like 'reco_%_v2.art'");
  });

  it('a pattern with a space is a raw dims fragment, parenthesised', () => {
    expect(fileSelector('data_tier reco and file_format artroot')).toBe(
      '(data_tier reco and file_format artroot)',
    );
  });

  it('a blank pattern means every file', () => {
    expect(fileSelector('')).toBe("file_name like '%'");
    expect(fileSelector('   ')).toBe("file_name like '%'");
  });

  it('a quote in a plain pattern cannot break out of the value', () => {
    expect(fileSelector("x'or'1")).toBe(`file_name like "x'or'1"`);
  });
});

describe('lineage', () => {
  it('nests depth times', () => {
    expect(lineage('isparentof', 1, 'X')).toBe('isparentof:( X )');
    expect(lineage('ischildof', 3, 'X')).toBe('ischildof:( ischildof:( ischildof:( X ) ) )');
  });

  it('refuses depths outside 1..20', () => {
    for (const d of [0, -1, 1.5, 21]) expect(() => lineage('isparentof', d, 'X')).toThrow(AppError);
  });
});

describe('samTime', () => {
  it('formats %Y-%m-%dT%H:%M:%S%z in UTC', () => {
    expect(samTime(new Date('2025-04-01T10:22:03Z'))).toBe('2025-04-01T10:22:03+0000');
    expect(samTime(new Date('2025-04-01T01:02:03.999+02:00'))).toBe('2025-03-31T23:02:03+0000');
    expect(samTime(new Date(Date.UTC(999, 0, 5, 0, 0, 0)))).toBe('0999-01-05T00:00:00+0000');
  });

  it('refuses an invalid date', () => {
    expect(() => samTime(new Date('nope'))).toThrow(AppError);
  });
});
