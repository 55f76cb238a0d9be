import { shellQuote } from '../shell-quote.js';

// Command lines of a remote script whose values stay out of the shell text: each value becomes an
// exported variable (written by exportLines in remote-script.ts) and the line refers to it as
// "${NAME}", one whole word (or the end of a word after POMS's own literal prefix, `--jobid=`).

/** A word of a command: POMS's own text, or a value (optionally after POMS's own literal prefix). */
export type CommandWord = string | { value: string; prefix?: string };

/** Builds command lines that refer to their values as `${prefix}<n>` variables; `env` holds them. */
export class CommandValues {
  readonly env: Array<[string, string]> = [];
  constructor(private readonly prefix = 'POMS_ARG_') {}

  /** The line running `words`; a literal word is quoted, a value referenced. */
  line(words: readonly CommandWord[]): string {
    return words
      .map((w) => {
        if (typeof w === 'string') return shellQuote(w);
        const name = `${this.prefix}${this.env.length}`;
        this.env.push([name, w.value]);
        return `${w.prefix ? shellQuote(w.prefix) : ''}"\${${name}}"`;
      })
      .join(' ');
  }
}

/** The command as a person would type it (every value quoted): for showing, never for running. */
export const displayLine = (words: readonly CommandWord[]): string =>
  words
    .map((w) =>
      typeof w === 'string' ? shellQuote(w) : `${w.prefix ? shellQuote(w.prefix) : ''}${shellQuote(w.value)}`,
    )
    .join(' ');
