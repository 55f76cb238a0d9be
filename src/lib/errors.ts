// Errors that carry what a user needs to fix their input. The web layer maps `status` to the HTTP
// answer and renders `details` (one entry per problem: where it is and what is wrong).

export interface ProblemDetail {
  /** Where the problem is: a field name, an .ini "section/key", a path. */
  field?: string;
  /** 1-based line number, for text input such as .ini files. */
  line?: number;
  section?: string;
  key?: string;
  message: string;
}

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'method_not_allowed'
  | 'unauthenticated'
  | 'conflict'
  | 'locked'
  | 'too_large'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  locked: 423,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  /** Headers the answer must carry (e.g. `Allow` on a 405). */
  headers?: Record<string, string>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ProblemDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const invalid = (message: string, details: ProblemDetail[] = []) =>
  new AppError('invalid_input', message, details);
export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const conflict = (message: string, details: ProblemDetail[] = []) =>
  new AppError('conflict', message, details);
/** 405 with the `Allow` header listing the methods the address answers. */
export function methodNotAllowed(message: string, allow: string): AppError {
  const e = new AppError('method_not_allowed', message);
  e.headers = { Allow: allow };
  return e;
}
