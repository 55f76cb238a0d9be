import type { AdapterService } from '../adapter-error.js';
import { httpCall, statusError, type HttpAnswer, type HttpRequest, type HttpTransport } from './http-call.js';
import { withRetries, type RetryPolicy } from './with-retries.js';

// Requests to a JSON REST service that authenticates by a token in its own header (MetaCat and
// Data Dispatcher: `X-Authentication-Token`; Rucio: `X-Rucio-Auth-Token`): URL building, typed
// errors, a per-attempt timeout and retries of idempotent calls, as the SAM client does.

export interface RestOptions extends Partial<Pick<HttpTransport, 'dispatcher' | 'fetch'>> {
  /** Base URL; paths are appended below it. */
  baseUrl: string;
  /** The token, or a function reading a fresh one (a renewed token file). */
  token?: string | (() => string | Promise<string>);
  /** Per attempt, in ms. Default 5000. */
  timeoutMs?: number;
  /** Retries of idempotent calls on 5xx/timeouts. Default 4 retries from 200 ms, at most 5 s apart. */
  retry?: Partial<RetryPolicy>;
}

export interface RestCall {
  operation: string;
  method: 'GET' | 'POST';
  /** Below the base URL, segments already encoded. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Safe to send again after a timeout or 5xx: only then is it retried. */
  idempotent: boolean;
  /** One attempt with this timeout (health probes). */
  once?: { timeoutMs: number };
}

export class RestTransport {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly service: AdapterService,
    private readonly authHeader: string,
    private readonly o: RestOptions,
  ) {
    this.policy = { retries: 4, baseDelayMs: 200, maxDelayMs: 5000, ...o.retry };
  }

  url(path: string, query?: Record<string, string>): string {
    const qs = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
    return `${this.o.baseUrl.replace(/\/+$/, '')}${path}${qs}`;
  }

  /** A 2xx answer, or AdapterError (statusError kinds, transport kinds, after retries). */
  async call(c: RestCall, refine?: (a: HttpAnswer) => Error | undefined): Promise<HttpAnswer> {
    const token = typeof this.o.token === 'function' ? await this.o.token() : this.o.token;
    const req: HttpRequest = {
      method: c.method,
      url: this.url(c.path, c.query),
      headers: { Accept: 'application/json', ...(token ? { [this.authHeader]: token } : {}) },
      ...(c.json !== undefined ? { json: c.json } : {}),
      ...(c.text !== undefined ? { text: c.text } : {}),
    };
    const t: HttpTransport = {
      ...this.o,
      token: undefined,
      timeoutMs: c.once?.timeoutMs ?? this.o.timeoutMs ?? 5000,
    };
    const attempt = async () => {
      const a = await httpCall(req, t, { service: this.service, operation: c.operation });
      if (a.status < 200 || a.status > 299) throw refine?.(a) ?? statusError(a, this.service, c.operation);
      return a;
    };
    return c.idempotent && !c.once ? withRetries(attempt, this.policy) : attempt();
  }
}
