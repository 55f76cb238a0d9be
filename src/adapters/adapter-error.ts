// The one error type every adapter (SSH, jobsub, SAM, Lens, MetaCat, Data Dispatcher, Rucio) throws for a failed outside call, so
// callers apply POMS's tolerance rules (count failure ⇒ assume 1, Lens error ⇒ skip this pass…)
// by kind instead of by accident. Adapters never let a bad answer crash the process.

/**
 * - unavailable: could not reach the service, or it answered 5xx / 429 (worth retrying later);
 * - timeout: no complete answer within the time limit;
 * - not_found: the named thing does not exist (404, SAM's 400 for an unknown defname in counts);
 * - conflict: it already exists (SAM 409 on definition create);
 * - rejected: the service refused the request (other 4xx, GraphQL errors, SSH host key or
 *   authentication refused, a remote command that failed);
 * - malformed: the answer is not what the protocol promises (bad JSON, wrong shape, garbage text).
 */
export type AdapterErrorKind =
  'unavailable' | 'timeout' | 'not_found' | 'conflict' | 'rejected' | 'malformed';

export type AdapterService =
  'sam' | 'lens' | 'jobsub' | 'ssh' | 'local-shell' | 'metacat' | 'data-dispatcher' | 'rucio' | 'registry';

/** Longest raw answer text kept on an error, in characters (enough to diagnose, bounded for logs). */
export const RAW_LIMIT = 2000;

export interface AdapterErrorDetail {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** The answer's text (truncated to RAW_LIMIT), for malformed and rejected answers. */
  raw?: string;
  /** What was being done, e.g. `files/count`, `jobsub_q`. */
  operation?: string;
  /** Attempts made, when the call was retried. */
  attempts?: number;
  cause?: unknown;
}

export class AdapterError extends Error {
  readonly status?: number;
  readonly raw?: string;
  readonly operation?: string;
  /** Attempts made; set by the retry helper when it gives up. */
  attempts?: number;

  constructor(
    readonly kind: AdapterErrorKind,
    readonly service: AdapterService,
    message: string,
    detail: AdapterErrorDetail = {},
  ) {
    super(`${service}: ${message}`, detail.cause === undefined ? undefined : { cause: detail.cause });
    this.name = 'AdapterError';
    if (detail.status !== undefined) this.status = detail.status;
    if (detail.raw !== undefined) this.raw = truncateRaw(detail.raw);
    if (detail.operation !== undefined) this.operation = detail.operation;
    if (detail.attempts !== undefined) this.attempts = detail.attempts;
  }

  /** unavailable and timeout may succeed when tried again; the others will not. */
  get transient(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

export function isAdapterError(e: unknown, kind?: AdapterErrorKind): e is AdapterError {
  return e instanceof AdapterError && (kind === undefined || e.kind === kind);
}

/** The first RAW_LIMIT characters, with a note of how many were cut. */
export function truncateRaw(text: string, limit = RAW_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}
