import { invalid } from './errors.js';

// POSIX shell quoting. A quoted word is read back by sh/bash as exactly the original string, as one
// word, with no expansion of any kind (no $, `, globbing, ~, braces, word splitting).

/** Characters that never need quoting in any position of a word (Python's shlex.quote set). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word: left bare when it consists only of safe characters, otherwise wrapped in single
 * quotes with each `'` written as `'\''`. The empty string becomes `''`. Throws AppError (invalid)
 * on NUL, which no shell argument can carry.
 */
export function shellQuote(word: string): string {
  if (word.includes('\0')) {
    throw invalid('A shell word cannot contain a NUL character', [
      { message: 'NUL character in a shell word' },
    ]);
  }
  if (word === '') return "''";
  if (SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Quotes each word and joins them with one blank: a command line that yields exactly `words` as argv. */
export function shellQuoteWords(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
