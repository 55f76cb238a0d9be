import { AppError, type ErrorCode, type ProblemDetail } from '../../lib/errors.js';

/** One problem in a .ini file: `line` (1-based), `section` (`kind` or `kind name`), `key`, message. */
export type Problem = ProblemDetail;

/** More problems than this are summed up in one last detail. */
const MAX_DETAILS = 100;

/** A .ini file that cannot be used; `details` lists every problem found, in line order. */
export class IniFormatError extends AppError {
  constructor(message: string, details: Problem[], code: ErrorCode = 'invalid_input') {
    super(code, message, details);
    this.name = 'IniFormatError';
  }

  static of(problems: Problem[]): IniFormatError {
    const n = problems.length;
    const details = problems.slice(0, MAX_DETAILS);
    if (n > MAX_DETAILS) details.push({ message: `...and ${n - MAX_DETAILS} more problems` });
    const message = n === 1 ? problems[0].message : `The campaign .ini file has ${n} problems`;
    return new IniFormatError(message, details);
  }
}
