import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote, shellQuoteWords } from '../../../src/lib/shell-quote.js';

const throughBash = (quoted: string) =>
  execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });

describe('shellQuote', () => {
  it.each([
    ['fife_launch', 'fife_launch'],
    ['-Oglobal.dataset=mydef_slice0_of_3', '-Oglobal.dataset=mydef_slice0_of_3'],
    ['/path/to/job.cfg', '/path/to/job.cfg'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", `'it'\\''s'`],
    ['$(rm -rf ~)', "'$(rm -rf ~)'"],
    ['*', "'*'"],
    ['~', "'~'"],
    ['a\nb', "'a\nb'"],
  ])('%j → %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });

  it('refuses NUL, which no argument can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow('NUL');
  });

  it('quotes a list of words into one command line', () => {
    expect(shellQuoteWords(['echo', 'a b', "c'd", ''])).toBe(`echo 'a b' 'c'\\''d' ''`);
  });

  it('bash reads back any string (without NUL) exactly', () => {
    const shellish = fc.string({
      unit: fc.constantFrom(...'\'"`$(){}[]*?~!#&|;<>\\ \t\n%=-_a/'.split('')),
    });
    const anything = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(fc.oneof(shellish, anything), (s) => {
        expect(throughBash(shellQuote(s))).toBe(s);
      }),
      { numRuns: 150 },
    );
  });

  it('a quoted list arrives as exactly those argv words', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary-ascii' }).filter((s) => !s.includes('\0')),
          { maxLength: 5 },
        ),
        (words) => {
          const out = execFileSync('bash', ['-c', `printf '%s\\0' ${shellQuoteWords(['', ...words])}`], {
            encoding: 'utf8',
          });
          // printf repeats its format once per argument; the leading '' keeps the output non-empty
          expect(out.split('\0').slice(1, -1)).toEqual(words);
        },
      ),
      { numRuns: 60 },
    );
  });
});
