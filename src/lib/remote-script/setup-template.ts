import { invalid } from '../errors.js';

// Renders a login setup's text: each `%(key)s` becomes a reference to an environment variable of
// the remote script (`%(dataset)s` → `"${POMS_DATASET}"`), `%%` becomes `%`, and every other
// character is copied unchanged. No value is ever written into the text, so no value can be read
// by the shell as code: the worst a wrong guess about the quoting context can do is quote the
// reference differently (an unexpanded `${POMS_X}`, or an expansion subject to word splitting).
//
// The reference is written so that it expands to exactly the value in the context it stands in:
//   unquoted (also in $( … ), ${ … } and after `export X=`)  "${POMS_X}"
//   inside "…" (and ${ … } inside "…")                       ${POMS_X}
//   inside '…'                                               '"${POMS_X}"'   (close, expand, reopen)
//   inside $'…'                                              '"${POMS_X}"$'
//   body of a here-document with an unquoted delimiter       ${POMS_X}
//   a comment                                                "${POMS_X}" (harmless)
// Refused with a message naming the line, because no reference can expand to the value there or
// because the shell would evaluate the value: a quoted here-document (<<'EOF'), arithmetic
// ($(( … )), (( … ))), backquotes (`…`: write $( … )), right after a backslash, in a here-document
// delimiter, and text whose quotes this reader finds unbalanced.
// Values reach the variables only through the script's assignment block (remote-script.ts).

/** Which variable each `%(key)s` refers to, e.g. { dataset: 'POMS_DATASET' }. */
export type SetupRefs = Readonly<Record<string, string>>;

export interface SetupTemplateOptions {
  /** Human name of the text for messages, e.g. "login setup". */
  where: string;
  /** ProblemDetail.field, e.g. "launch_setup". */
  field: string;
}

type Kind = 'top' | 'cmd' | 'brace' | 'dq' | 'sq' | 'ansi' | 'bq' | 'arith' | 'comment' | 'heredoc';

interface Frame {
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

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
  line: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORD_BREAK = /[\s;&|()<>]/;

const OPENER: Record<Kind, string> = {
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

class SetupReader {
  private i = 0;
  private line: number;
  private out = '';
  private readonly stack: Frame[];
  private readonly heredocs: PendingHeredoc[] = [];
  placeholders = 0;

  constructor(
    private readonly t: string,
    private readonly refs: SetupRefs,
    private readonly opts: SetupTemplateOptions,
    root: Kind,
    firstLine: number,
  ) {
    this.line = firstLine;
    this.stack = [{ kind: root, line: firstLine, depth: 0 }];
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  private fail(message: string, line = this.line) {
    const text = `${this.opts.where}, line ${line}: ${message}`;
    return invalid(text, [{ field: this.opts.field, line, message: text }]);
  }

  private push(kind: Kind, extra: Partial<Frame> = {}) {
    this.stack.push({ kind, line: this.line, depth: 0, ...extra });
  }

  private copy(n: number) {
    const s = this.t.slice(this.i, this.i + n);
    for (const c of s) if (c === '\n') this.line += 1;
    this.out += s;
    this.i += n;
  }

  /** `%%` → `%`, `%(key)s` → the reference for the current frame; false if not at a `%`. */
  private percent(): boolean {
    const t = this.t;
    if (t[this.i] !== '%') return false;
    if (t[this.i + 1] === '%') {
      this.out += '%';
      this.i += 2;
      return true;
    }
    if (t[this.i + 1] !== '(') {
      throw this.fail(
        `stray '%' ('${t.slice(this.i, this.i + 2)}'): write %% for a literal %, %(key)s for a value`,
      );
    }
    const close = t.indexOf(')', this.i + 2);
    if (close < 0) throw this.fail(`unclosed '%('`);
    const key = t.slice(this.i + 2, close);
    if (t[close + 1] !== 's') throw this.fail(`only %(${key})s is supported after %(${key})`);
    if (!Object.hasOwn(this.refs, key)) {
      const known = Object.keys(this.refs).sort().join(', ');
      throw this.fail(`unknown key '${key}' in %(${key})s (known keys: ${known})`);
    }
    const name = this.refs[key];
    if (!NAME.test(name)) throw new RangeError(`bad variable name for %(${key})s: ${name}`);
    this.out += this.reference(`%(${key})s`, name);
    this.placeholders += 1;
    this.i = close + 2;
    return true;
  }

  private reference(placeholder: string, name: string): string {
    const f = this.top;
    const ref = `\${${name}}`;
    switch (f.kind) {
      case 'top':
      case 'cmd':
      case 'comment':
        return `"${ref}"`;
      case 'brace':
        return f.inDq ? ref : `"${ref}"`;
      case 'dq':
      case 'heredoc':
        return ref;
      case 'sq':
        return `'"${ref}"'`;
      case 'ansi':
        return `'"${ref}"$'`;
      case 'bq':
        throw this.fail(`${placeholder} inside backquotes \`…\` (opened on line ${f.line}): write $( … )`);
      case 'arith':
        throw this.fail(
          `${placeholder} inside arithmetic (opened on line ${f.line}): the shell would evaluate the value`,
        );
    }
  }

  /** A backslash and the character it escapes, copied as they are. */
  private escape() {
    if (this.t.startsWith('%(', this.i + 1)) throw this.fail('a %(key)s placeholder right after a backslash');
    if (this.t.startsWith('%%', this.i + 1)) {
      this.out += '\\%';
      this.i += 3;
      return;
    }
    this.copy(this.i + 1 < this.t.length ? 2 : 1);
  }

  /** `$(`, `$((`, `${`, `$'`, `$"` and backquotes, opened in frames where they mean expansion. */
  private expansion(): boolean {
    const t = this.t;
    const c = t[this.i];
    if (c === '`') {
      this.copy(1);
      this.push('bq');
      return true;
    }
    if (c !== '$') return false;
    const n = t[this.i + 1];
    if (n === '(' && t[this.i + 2] === '(') {
      this.copy(3);
      this.push('arith');
    } else if (n === '(') {
      this.copy(2);
      this.push('cmd');
    } else if (n === '{') {
      this.copy(2);
      this.push('brace', { inDq: this.top.kind === 'dq' || !!this.top.inDq });
    } else if (n === '[') {
      this.copy(2);
      this.push('arith', { bracket: true }); // $[ … ]: old arithmetic
    } else return false;
    return true;
  }

  private atWordStart(): boolean {
    return this.i === 0 || WORD_BREAK.test(this.t[this.i - 1]);
  }

  run(): string {
    const t = this.t;
    while (this.i < t.length) {
      if (this.percent()) continue;
      const f = this.top;
      const c = t[this.i];
      switch (f.kind) {
        case 'sq':
          if (c === "'") this.stack.pop();
          this.copy(1);
          break;
        case 'ansi':
          if (c === '\\') this.escape();
          else {
            if (c === "'") this.stack.pop();
            this.copy(1);
          }
          break;
        case 'comment':
          if (c === '\n') this.stack.pop();
          else this.copy(1);
          break;
        case 'dq':
        case 'heredoc':
          if (c === '\\') this.escape();
          else if (this.expansion()) break;
          else {
            if (c === '"' && f.kind === 'dq') this.stack.pop();
            this.copy(1);
          }
          break;
        case 'bq':
          if (c === '\\') this.escape();
          else {
            if (c === '`') this.stack.pop();
            this.copy(1);
          }
          break;
        case 'arith':
          if (c === '\\') {
            this.escape();
            break;
          }
          if (f.bracket) {
            if (c === ']') {
              this.copy(1);
              this.stack.pop();
              break;
            }
          } else if (c === '(') f.depth += 1;
          else if (c === ')') {
            if (f.depth > 0) f.depth -= 1;
            else if (t[this.i + 1] === ')') {
              this.copy(2);
              this.stack.pop();
              break;
            }
          }
          if (!this.expansion()) this.copy(1);
          break;
        case 'brace':
          if (c === '}') {
            this.stack.pop();
            this.copy(1);
          } else this.unquoted(c);
          break;
        case 'top':
        case 'cmd':
          this.unquoted(c);
          break;
      }
    }
    const open = this.stack.slice(1).find((s) => s.kind !== 'comment');
    if (open && this.placeholders > 0)
      throw this.fail(`${OPENER[open.kind]} opened here is never closed`, open.line);
    if (this.heredocs.length && this.placeholders > 0)
      throw this.fail(`here-document ${this.heredocs[0].delimiter} has no body`, this.heredocs[0].line);
    return this.out;
  }

  /** Unquoted text: top level, $( … ) and ${ … }. */
  private unquoted(c: string) {
    const f = this.top;
    const t = this.t;
    if (c === '\\') return this.escape();
    if (c === "'") {
      this.copy(1);
      return this.push('sq');
    }
    if (c === '"') {
      this.copy(1);
      return this.push('dq');
    }
    if (c === '$' && t[this.i + 1] === "'") {
      this.copy(2);
      return this.push('ansi');
    }
    if (c === '$' && t[this.i + 1] === '"') {
      this.copy(2);
      return this.push('dq');
    }
    if (this.expansion()) return;
    if (f.kind === 'brace') return this.copy(1);
    if (c === '#' && this.atWordStart()) return this.push('comment');
    if (c === '(' && t[this.i + 1] === '(') {
      this.copy(2);
      return this.push('arith');
    }
    if (c === '(') {
      f.depth += 1;
      return this.copy(1);
    }
    if (c === ')') {
      if (f.kind === 'cmd' && f.depth === 0) this.stack.pop();
      else f.depth = Math.max(0, f.depth - 1);
      return this.copy(1);
    }
    if (c === '<' && t[this.i + 1] === '<') {
      if (t[this.i + 2] === '<') return this.copy(3);
      return this.heredocOperator();
    }
    if (c === '\n') {
      this.copy(1);
      return this.heredocBodies();
    }
    this.copy(1);
  }

  private heredocOperator() {
    const t = this.t;
    this.copy(2);
    const stripTabs = t[this.i] === '-';
    if (stripTabs) this.copy(1);
    while (t[this.i] === ' ' || t[this.i] === '\t') this.copy(1);
    const start = this.i;
    let delimiter = '';
    let quoted = false;
    while (this.i < t.length && !WORD_BREAK.test(t[this.i])) {
      const c = t[this.i];
      if (c === '%') throw this.fail('a %(key)s placeholder or % in a here-document delimiter');
      if (c === "'" || c === '"') {
        const end = t.indexOf(c, this.i + 1);
        if (end < 0) throw this.fail(`unclosed ${c} in a here-document delimiter`);
        delimiter += t.slice(this.i + 1, end);
        quoted = true;
        this.i = end + 1;
      } else if (c === '\\') {
        delimiter += t[this.i + 1] ?? '';
        quoted = true;
        this.i += 2;
      } else {
        delimiter += c;
        this.i += 1;
      }
    }
    this.out += t.slice(start, this.i);
    if (delimiter !== '') this.heredocs.push({ delimiter, stripTabs, quoted, line: this.line });
  }

  /** After a newline: the bodies of the here-documents opened on the line just ended. */
  private heredocBodies() {
    const t = this.t;
    for (const h of this.heredocs.splice(0)) {
      const bodyLine = this.line;
      let end = this.i;
      let found = false;
      while (end < t.length) {
        const nl = t.indexOf('\n', end);
        const lineEnd = nl < 0 ? t.length : nl;
        const text = t.slice(end, lineEnd);
        if ((h.stripTabs ? text.replace(/^\t+/, '') : text) === h.delimiter) {
          found = true;
          break;
        }
        end = nl < 0 ? t.length : nl + 1;
      }
      const body = t.slice(this.i, end);
      if (h.quoted) {
        if (/%\(/.test(body)) {
          const at = bodyLine + body.slice(0, body.indexOf('%(')).split('\n').length - 1;
          throw this.fail(
            `a %(key)s placeholder in a here-document with a quoted delimiter (<<'${h.delimiter}', line ${h.line}): no value can be expanded there; leave the delimiter unquoted`,
            at,
          );
        }
        this.out += body.replaceAll('%%', '%');
      } else {
        const reader = new SetupReader(body, this.refs, this.opts, 'heredoc', bodyLine);
        this.out += reader.run();
        this.placeholders += reader.placeholders;
      }
      for (const c of body) if (c === '\n') this.line += 1;
      this.i = end;
      if (!found && this.placeholders > 0)
        throw this.fail(`here-document ${h.delimiter} is never ended`, h.line);
    }
  }
}

/**
 * The setup text with each `%(key)s` replaced by a reference to the variable `refs[key]`, quoted
 * for where it stands; throws AppError (invalid, naming `opts.field` and the line) where no
 * reference can be placed safely, for unknown keys and for a stray `%`.
 */
export function renderSetup(template: string, refs: SetupRefs, opts: SetupTemplateOptions): string {
  return new SetupReader(template, refs, opts, 'top', 1).run();
}

/**
 * The keys a login setup may use and the variable each is passed in: `%(dataset)s` and its old name
 * `%(parameter)s` → POMS_DATASET, `%(version)s` → POMS_VERSION (the stage's software_version), …
 */
export const SETUP_VARIABLES = {
  dataset: 'POMS_DATASET',
  parameter: 'POMS_DATASET',
  version: 'POMS_VERSION',
  group: 'POMS_GROUP',
  experimenter: 'POMS_EXPERIMENTER',
  experiment: 'POMS_EXPERIMENT',
} as const satisfies SetupRefs;
