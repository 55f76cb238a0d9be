import { AdapterError } from '../adapter-error.js';
import { orNull } from '../http/or-null.js';
import { probeHealth, type HealthReport } from '../http/health-report.js';
import type { HttpAnswer } from '../http/http-call.js';
import { checked, jsonBody } from '../http/json-answer.js';
import { RestTransport, type RestCall, type RestOptions } from '../http/rest-transport.js';
import type { Metacat, MetacatDataset, MetacatFile, QueryOptions } from './metacat.js';
import {
  countSchema,
  datasetSchema,
  fileListSchema,
  fileSchema,
  namedQuerySchema,
} from './metacat-answers.js';

const yn = (b: boolean | undefined) => (b ? 'yes' : 'no');

/** MetaCat answers 400 with `MQLSyntaxError: …` and the like for a query it cannot run. */
function mqlError(a: HttpAnswer): Error | undefined {
  if (a.status !== 400) return undefined;
  return new AdapterError('rejected', 'metacat', `MQL refused: ${a.text.trim().slice(0, 300)}`, {
    status: a.status,
    raw: a.text,
    operation: 'data/query',
  });
}

/** The real Metacat over the data server's REST API (`<base>/data/…`), token in X-Authentication-Token. */
export class MetacatClient implements Metacat {
  private readonly http: RestTransport;

  constructor(private readonly options: RestOptions) {
    this.http = new RestTransport('metacat', 'X-Authentication-Token', options);
  }

  private async json(c: RestCall): Promise<{ a: HttpAnswer; body: unknown }> {
    const a = await this.http.call(c, mqlError);
    return { a, body: jsonBody('metacat', a, c.operation) };
  }

  async query(mql: string, opts: QueryOptions = {}): Promise<MetacatFile[]> {
    const query: Record<string, string> = {
      with_meta: yn(opts.withMetadata),
      with_provenance: yn(opts.withProvenance),
      ...(opts.saveAs ? { save_as: opts.saveAs } : {}),
    };
    // A query that saves a dataset is a write: never sent twice.
    const c: RestCall = {
      operation: 'data/query',
      method: 'POST',
      path: '/data/query',
      query,
      text: mql,
      idempotent: !opts.saveAs,
    };
    const { a, body } = await this.json(c);
    return checked('metacat', fileListSchema, body, a, c.operation);
  }

  async count(mql: string): Promise<number> {
    const c: RestCall = {
      operation: 'data/query (count)',
      method: 'POST',
      path: '/data/query',
      query: { summary: 'count' },
      text: mql,
      idempotent: true,
    };
    const { a, body } = await this.json(c);
    return checked('metacat', countSchema, body, a, c.operation);
  }

  async file(
    did: string,
    opts: { withMetadata?: boolean; withProvenance?: boolean } = {},
  ): Promise<MetacatFile | null> {
    const query = {
      did,
      with_metadata: yn(opts.withMetadata ?? true),
      with_provenance: yn(opts.withProvenance ?? true),
    };
    const c: RestCall = {
      operation: 'data/file',
      method: 'GET',
      path: '/data/file',
      query,
      idempotent: true,
    };
    const r = await orNull(this.json(c));
    return r && checked('metacat', fileSchema, r.body, r.a, c.operation);
  }

  async dataset(did: string): Promise<MetacatDataset | null> {
    const c: RestCall = {
      operation: 'data/dataset',
      method: 'GET',
      path: '/data/dataset',
      query: { dataset: did },
      idempotent: true,
    };
    const r = await orNull(this.json(c));
    return r && checked('metacat', datasetSchema, r.body, r.a, c.operation);
  }

  async createNamedQuery(did: string, mql: string, opts: { update?: boolean } = {}): Promise<void> {
    const i = did.indexOf(':');
    const json = { namespace: did.slice(0, i), name: did.slice(i + 1), source: mql, parameters: [] };
    const query = opts.update ? { update: 'yes' } : undefined;
    await this.http.call({
      operation: 'data/create_named_query',
      method: 'POST',
      path: '/data/create_named_query',
      query,
      json,
      idempotent: false,
    });
  }

  async namedQuery(did: string): Promise<string | null> {
    const i = did.indexOf(':');
    const query = { namespace: did.slice(0, i), name: did.slice(i + 1) };
    const c: RestCall = {
      operation: 'data/named_query',
      method: 'GET',
      path: '/data/named_query',
      query,
      idempotent: true,
    };
    const r = await orNull(this.json(c));
    return r && checked('metacat', namedQuerySchema, r.body, r.a, c.operation).source;
  }

  /** A count of a file id that cannot exist: one attempt, no retries. */
  health(): Promise<HealthReport> {
    return probeHealth(() =>
      this.http.call(
        {
          operation: 'health',
          method: 'POST',
          path: '/data/query',
          query: { summary: 'count' },
          text: 'fids 0',
          idempotent: true,
          once: { timeoutMs: this.options.timeoutMs ?? 5000 },
        },
        mqlError,
      ),
    );
  }
}
