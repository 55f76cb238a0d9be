import { invalid } from '../errors.js';
import type { Frame, Kind } from './shell-context.js';

export interface SetupTemplateOptions {
  /** Human name of the text for messages, e.g. "login setup". */
  where: string;
  /** ProblemDetail.field, e.g. "launch_setup". */
  field: string;
}

/** Where a reader of a setup text stands: index, line, output so far and the open quoting frames. */
export class SetupCursor {
  protected i = 0;
  protected line: number;
  protected out = '';
  protected readonly stack: Frame[];

  constructor(
    protected readonly t: string,
    protected readonly opts: SetupTemplateOptions,
    root: Kind,
    firstLine: number,
  ) {
    this.line = firstLine;
    this.stack = [{ kind: root, line: firstLine, depth: 0 }];
  }

  protected get top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  protected fail(message: string, line = this.line) {
    const text = `${this.opts.where}, line ${line}: ${message}`;
    return invalid(text, [{ field: this.opts.field, line, message: text }]);
  }

  protected push(kind: Kind, extra: Partial<Frame> = {}) {
    this.stack.push({ kind, line: this.line, depth: 0, ...extra });
  }

  protected copy(n: number) {
    const s = this.t.slice(this.i, this.i + n);
    for (const c of s) if (c === '\n') this.line += 1;
    this.out += s;
    this.i += n;
  }
}
