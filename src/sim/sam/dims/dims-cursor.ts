import { DimsSyntaxError } from './dims-errors.js';
import type { DimsToken, DimsTokenKind } from './tokenize-dims.js';

/** Token reader for the recursive-descent parser; every failure is a DimsSyntaxError. */
export class DimsCursor {
  private index = 0;
  constructor(
    readonly text: string,
    private readonly tokens: DimsToken[],
  ) {}

  peek(): DimsToken {
    return this.tokens[this.index];
  }

  next(): DimsToken {
    const t = this.tokens[this.index];
    if (t.kind !== 'eof') this.index++;
    return t;
  }

  /** The next token is this keyword (case-insensitive). */
  atKeyword(...words: string[]): string | undefined {
    const t = this.peek();
    if (t.kind !== 'word') return undefined;
    const lower = t.text.toLowerCase();
    return words.find((w) => w === lower);
  }

  accept(kind: DimsTokenKind, text?: string): DimsToken | undefined {
    const t = this.peek();
    if (t.kind !== kind || (text !== undefined && t.text !== text)) return undefined;
    return this.next();
  }

  expect(kind: DimsTokenKind, what: string): DimsToken {
    return this.accept(kind) ?? this.fail(`expected ${what} but found ${describe(this.peek())}`);
  }

  /** A bare or quoted value. */
  value(what: string): DimsToken {
    const t = this.peek();
    if (t.kind === 'word' || t.kind === 'string') return this.next();
    return this.fail(`expected ${what} but found ${describe(t)}`);
  }

  integer(what: string, min = 0): number {
    const t = this.value(what);
    if (!/^\d+$/.test(t.text) || Number(t.text) < min) {
      this.fail(`expected ${what} (an integer >= ${min}) but found ${describe(t)}`, t);
    }
    return Number(t.text);
  }

  fail(reason: string, at: DimsToken = this.peek()): never {
    throw new DimsSyntaxError(reason, at.pos, this.text);
  }
}

export function describe(t: DimsToken): string {
  if (t.kind === 'eof') return 'end of query';
  return t.kind === 'string' ? `quoted value '${t.text}'` : `'${t.text}'`;
}
