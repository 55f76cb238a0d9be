import { CliError } from './cli-error.js';
import { EXIT, exitForStatus } from './exit-codes.js';

// The CLI's only way to POMS: the /api/v1 JSON API with `Authorization: Bearer <token>`. A refused
// request becomes a CliError carrying the server's message, its details and the exit code.

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    details?: Array<{ field?: string; line?: number; message: string }>;
  };
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** A text body (an .ini file), as bytes so that the server checks their encoding itself. */
  text?: string | Uint8Array;
}

function describe(status: number, body: string): string {
  let parsed: ErrorBody | undefined;
  try {
    parsed = JSON.parse(body) as ErrorBody;
  } catch {
    /* not JSON */
  }
  const e = parsed?.error;
  if (!e?.message) return `HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
  const details = (e.details ?? []).map(
    (d) =>
      `  - ${[d.line ? `line ${d.line}` : '', d.field].filter(Boolean).join(' ')}${d.field || d.line ? ': ' : ''}${d.message}`,
  );
  return [e.message, ...details].join('\n');
}

export class PomsClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private url(path: string, query?: RequestOptions['query']): string {
    let u: URL;
    try {
      u = new URL(`${this.baseUrl.replace(/\/+$/, '')}${path}`);
    } catch {
      throw new CliError(`"${this.baseUrl}" is not a URL: run "poms login --url <POMS URL>"`, EXIT.usage);
    }
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** The raw answer text of a successful request. */
  async text(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<{ status: number; body: string }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    let body: string | Uint8Array | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.text !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8';
      body = opts.text;
    }
    let res: Response;
    try {
      res = await fetch(this.url(path, opts.query), {
        method,
        headers,
        body: body as BodyInit,
        redirect: 'manual',
      });
    } catch (e) {
      const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
      throw new CliError(`cannot reach POMS at ${this.baseUrl}: ${cause}`, EXIT.unreachable);
    }
    const text = await res.text();
    if (res.status >= 400) {
      const retry = res.headers.get('retry-after');
      throw new CliError(
        describe(res.status, text) + (retry ? ` (retry after ${retry} s)` : ''),
        exitForStatus(res.status),
      );
    }
    return { status: res.status, body: text };
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const { body } = await this.text(method, path, opts);
    if (!body) return undefined as T;
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new CliError(`POMS answered ${path} with something that is not JSON: ${body.slice(0, 200)}`);
    }
  }

  get = <T = any>(path: string, query?: RequestOptions['query']) => this.request<T>('GET', path, { query });
}
