import { AdapterError, type AdapterService } from '../adapter-error.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, as text/plain (MetaCat reads a query's MQL from the raw body). */
  text?: string;
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  text: string;
  contentType: string | null;
}

export interface HttpTransport {
  /** Limit on one attempt, connect to last body byte, in ms. */
  timeoutMs: number;
  /** Bearer token (or a function fetching a fresh one) sent as `Authorization: Bearer …`. */
  token?: string | (() => string | Promise<string>);
  /**
   * Passed to fetch as-is: an undici `Agent` carrying TLS options (CA, client certificate and key,
   * verification). Opaque here so that this module needs no undici types.
   */
  dispatcher?: object;
  /** Replaces the global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 * One HTTP exchange. Resolves with any HTTP status; rejects with AdapterError `timeout` (no complete
 * answer in time) or `unavailable` (no answer: refused, reset, DNS), or with the caller's abort reason.
 */
export async function httpCall(
  req: HttpRequest,
  t: HttpTransport,
  who: { service: AdapterService; operation: string },
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(t.timeoutMs);
  const headers: Record<string, string> = { Accept: '*/*', ...req.headers };
  if (t.token) headers.Authorization = `Bearer ${typeof t.token === 'string' ? t.token : await t.token()}`;
  let body: string | undefined;
  if (req.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(req.form).toString();
  } else if (req.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.json);
  } else if (req.text !== undefined) {
    headers['Content-Type'] = 'text/plain';
    body = req.text;
  }
  try {
    const init: RequestInit & { dispatcher?: object } = {
      method: req.method,
      headers,
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      ...(t.dispatcher ? { dispatcher: t.dispatcher } : {}),
    };
    const res = await (t.fetch ?? fetch)(req.url, init);
    return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    const detail = { operation: who.operation, cause: e };
    if (timeout.aborted)
      throw new AdapterError(
        'timeout',
        who.service,
        `${who.operation}: no answer in ${t.timeoutMs} ms`,
        detail,
      );
    const why = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    const message = why?.code ?? why?.message ?? (e as Error).message;
    throw new AdapterError('unavailable', who.service, `${who.operation}: ${message}`, detail);
  }
}

/**
 * The AdapterError for a non-2xx answer: 404 not_found, 409 conflict, 408/429/5xx unavailable (worth
 * retrying), other statuses rejected. The body is kept as raw text.
 */
export function statusError(a: HttpAnswer, service: AdapterService, operation: string): AdapterError {
  const kind =
    a.status === 404
      ? 'not_found'
      : a.status === 409
        ? 'conflict'
        : a.status >= 500 || a.status === 408 || a.status === 429
          ? 'unavailable'
          : 'rejected';
  const first = a.text.trim().split('\n')[0].slice(0, 200);
  return new AdapterError(
    kind,
    service,
    `${operation} answered HTTP ${a.status}${first ? `: ${first}` : ''}`,
    {
      status: a.status,
      raw: a.text,
      operation,
    },
  );
}
