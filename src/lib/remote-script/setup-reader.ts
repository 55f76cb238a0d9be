import { bodyEnd, placeholderLine, readDelimiter, type PendingHeredoc } from './heredoc-scan.js';
import { readPercent, type SetupRefs } from './placeholder.js';
import { SetupCursor, type SetupTemplateOptions } from './setup-cursor.js';
import { OPENER, WORD_BREAK, referenceIn, type Kind } from './shell-context.js';

/**
 * Reads a setup text once, copying it to the output with each placeholder replaced by the reference
 * its quoting context needs (setup-template.ts says which, and what is refused).
 */
export class SetupReader extends SetupCursor {
  private readonly heredocs: PendingHeredoc[] = [];
  placeholders = 0;

  constructor(
    t: string,
    private readonly refs: SetupRefs,
    opts: SetupTemplateOptions,
    root: Kind,
    firstLine: number,
  ) {
    super(t, opts, root, firstLine);
  }

  /** `%%` → `%`, `%(key)s` → the reference for the current frame; false if not at a `%`. */
  private percent(): boolean {
    if (this.t[this.i] !== '%') return false;
    const p = readPercent(this.t, this.i, this.refs);
    if ('problem' in p) throw this.fail(p.problem);
    if ('literal' in p) this.out += p.literal;
    else {
      const r = referenceIn(this.top, p.placeholder, p.name);
      if ('problem' in r) throw this.fail(r.problem);
      this.out += r.text;
      this.placeholders += 1;
    }
    this.i = p.next;
    return true;
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
    const d = readDelimiter(t, this.i);
    if ('problem' in d) throw this.fail(d.problem);
    this.out += t.slice(this.i, d.end);
    this.i = d.end;
    if (d.delimiter !== '')
      this.heredocs.push({ delimiter: d.delimiter, stripTabs, quoted: d.quoted, line: this.line });
  }

  /** After a newline: the bodies of the here-documents opened on the line just ended. */
  private heredocBodies() {
    const t = this.t;
    for (const h of this.heredocs.splice(0)) {
      const bodyLine = this.line;
      const { end, found } = bodyEnd(t, this.i, h);
      const body = t.slice(this.i, end);
      if (h.quoted) {
        const at = placeholderLine(body, bodyLine);
        if (at !== undefined)
          throw this.fail(
            `a %(key)s placeholder in a here-document with a quoted delimiter (<<'${h.delimiter}', line ${h.line}): no value can be expanded there; leave the delimiter unquoted`,
            at,
          );
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
