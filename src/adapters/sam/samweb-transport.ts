import { AdapterError } from '../adapter-error.js';
import { httpCall, statusError, type HttpAnswer, type HttpTransport } from '../http/http-call.js';
import { withRetries, type RetryPolicy } from '../http/with-retries.js';

export interface SamwebOptions extends Partial<HttpTransport> {
  /**
   * `<sam_base>`, e.g. `https://samweb.fnal.gov:8483/sam`, or a function of the experiment for
   * per-experiment servers; requests go to `<base>/<experiment>/api/…`.
   */
  baseUrl: string | ((experiment: string) => string);
  /** Per attempt, in ms. Default 5000 (POMS's). */
  timeoutMs?: number;
  /** Retries of idempotent calls on 5xx/timeouts. Default 4 retries from 200 ms, at most 5 s apart. */
  retry?: Partial<RetryPolicy>;
  /** Dims longer than this go in a POST form instead of the URL (samweb_client: 1024). */
  maxGetDimsLength?: number;
  /**
   * Credentials per experiment (sam-credentials.ts): a bearer token and/or an undici dispatcher
   * carrying the X.509 client certificate, sent on every call (SAM needs them for writes).
   */
  auth?: (experiment: string) => SamAuth | Promise<SamAuth>;
}

export type SamAuth = Partial<Pick<HttpTransport, 'token' | 'dispatcher' | 'fetch'>>;

export interface SamCall {
  /** For messages and errors, e.g. `files/count`. */
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Below `/api`, segments already encoded. */
  path: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  /** Safe to send again after a timeout or 5xx: only then is it retried. */
  idempotent: boolean;
  /** One attempt with this timeout, whatever the policy (health probes). */
  once?: { timeoutMs: number };
}

/** Requests to samweb: URL building, the long-dims POST switch, retries and HTTP errors. */
export class SamwebTransport {
  private readonly policy: RetryPolicy;

  constructor(private readonly o: SamwebOptions) {
    this.policy = { retries: 4, baseDelayMs: 200, maxDelayMs: 5000, ...o.retry };
  }

  url(experiment: string, path: string, query?: Record<string, string>): string {
    const base = typeof this.o.baseUrl === 'string' ? this.o.baseUrl : this.o.baseUrl(experiment);
    const qs = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
    return `${base.replace(/\/+$/, '')}/${encodeURIComponent(experiment)}/api${path}${qs}`;
  }

  /**
   * A read by dims: GET with `dims` in the query, or POST with it in the form when too long. Other
   * parameters (`format`) stay in the query either way: samweb reads both, and servers that read only
   * one of them for such flags read the query.
   */
  dimsCall(operation: string, path: string, dims: string, extra: Record<string, string> = {}): SamCall {
    return dims.length > (this.o.maxGetDimsLength ?? 1024)
      ? { operation, method: 'POST', path, query: extra, form: { dims }, idempotent: true }
      : { operation, method: 'GET', path, query: { ...extra, dims }, idempotent: true };
  }

  /** An idempotent GET (retried): `operation` names it in errors. */
  get(
    experiment: string,
    operation: string,
    path: string,
    query?: Record<string, string>,
  ): Promise<HttpAnswer> {
    return this.call(experiment, { operation, method: 'GET', path, query, idempotent: true });
  }

  /** A write, sent once: a retry after a lost answer could act twice (or fail on its own first try). */
  send(
    experiment: string,
    operation: string,
    method: 'POST' | 'DELETE',
    path: string,
    form?: Record<string, string>,
    query?: Record<string, string>,
  ): Promise<HttpAnswer> {
    return this.call(experiment, { operation, method, path, form, query, idempotent: false });
  }

  /** A 2xx answer, or AdapterError (`statusError` kinds, transport kinds, after retries). */
  async call(experiment: string, c: SamCall): Promise<HttpAnswer> {
    const t: HttpTransport = {
      ...this.o,
      ...(this.o.auth ? await this.o.auth(experiment) : {}),
      timeoutMs: c.once?.timeoutMs ?? this.o.timeoutMs ?? 5000,
    };
    const attempt = async () => {
      const a = await httpCall(
        { method: c.method, url: this.url(experiment, c.path, c.query), form: c.form },
        t,
        { service: 'sam', operation: c.operation },
      );
      if (a.status < 200 || a.status > 299) throw samStatusError(a, c.operation);
      return a;
    };
    return c.idempotent && !c.once ? withRetries(attempt, this.policy) : attempt();
  }
}

/**
 * statusError, refined for SAM's text answers: a 400 saying something is not found (SAM's answer to
 * an unknown defname in dims) is `not_found`; one about the query limit is `rejected` and says so.
 */
export function samStatusError(a: HttpAnswer, operation: string): AdapterError {
  const e = statusError(a, 'sam', operation);
  if (a.status !== 400) return e;
  const detail = { status: a.status, raw: a.text, operation };
  if (/query limit/i.test(a.text))
    return new AdapterError('rejected', 'sam', `${operation} exceeded the SAM query limit`, detail);
  if (/\bnot found\b|does not exist|no such/i.test(a.text))
    return new AdapterError('not_found', 'sam', e.message.replace(/^sam: /, ''), detail);
  return e;
}

/** One path segment: names may hold any character. */
export const seg = (s: string): string => encodeURIComponent(s);
