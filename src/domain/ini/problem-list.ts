import type { Decoded } from './decoded.js';
import type { Problem } from './ini-format-error.js';

export type Where = Omit<Problem, 'message'>;

/** Collects errors and warnings while a file is read, so that all of them can be reported. */
export class ProblemList {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];

  error(where: Where, message: string): void {
    this.errors.push({ ...where, message });
  }

  warn(where: Where, message: string): void {
    this.warnings.push({ ...where, message });
  }

  /** The decoded value, or undefined after recording why it is wrong; its warnings are recorded. */
  take<T>(where: Where, result: Decoded<T>): T | undefined {
    if (!result.ok) {
      this.error(where, result.message);
      return undefined;
    }
    for (const w of result.warnings) this.warn(where, w);
    return result.value;
  }
}

/** Stable sort by line; problems without a line come last. */
export function inLineOrder(problems: Problem[]): Problem[] {
  const line = (p: Problem) => p.line ?? Number.MAX_SAFE_INTEGER;
  return [...problems].sort((a, b) => line(a) - line(b));
}
