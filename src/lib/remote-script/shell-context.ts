// The quoting contexts a setup text's reader tracks, and how a variable is referred to in each so
// that it expands to exactly its value there (the table in setup-template.ts).

export type Kind = 'top' | 'cmd' | 'brace' | 'dq' | 'sq' | 'ansi' | 'bq' | 'arith' | 'comment' | 'heredoc';

export interface Frame {
  kind: Kind;
  /** Line where the frame opened, for messages. */
  line: number;
  /** Open parentheses inside a top/cmd/arith frame. */
  depth: number;
  /** brace frames: opened inside double quotes. */
  inDq?: boolean;
  /** arith frames opened by `$[`, which end at `]`. */
  bracket?: boolean;
}

/** Characters that end a shell word (and so may stand before a comment's `#`). */
export const WORD_BREAK = /[\s;&|()<>]/;

/** What opens each frame, for "… opened here is never closed". */
export const OPENER: Record<Kind, string> = {
  top: '',
  cmd: '$(',
  brace: '${',
  dq: '"',
  sq: "'",
  ansi: "$'",
  bq: '`',
  arith: '$((',
  comment: '#',
  heredoc: '<<',
};

/**
 * The text that expands to the value of variable `name` in frame `f`, or why `placeholder` cannot
 * stand there (a message for the reader to place on its line).
 */
export function referenceIn(
  f: Frame,
  placeholder: string,
  name: string,
): { text: string } | { problem: string } {
  const ref = `\${${name}}`;
  switch (f.kind) {
    case 'top':
    case 'cmd':
    case 'comment':
      return { text: `"${ref}"` };
    case 'brace':
      return { text: f.inDq ? ref : `"${ref}"` };
    case 'dq':
    case 'heredoc':
      return { text: ref };
    case 'sq':
      return { text: `'"${ref}"'` };
    case 'ansi':
      return { text: `'"${ref}"$'` };
    case 'bq':
      return { problem: `${placeholder} inside backquotes \`…\` (opened on line ${f.line}): write $( … )` };
    case 'arith':
      return {
        problem: `${placeholder} inside arithmetic (opened on line ${f.line}): the shell would evaluate the value`,
      };
  }
}
