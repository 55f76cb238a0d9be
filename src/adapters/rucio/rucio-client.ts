import { AdapterError } from '../adapter-error.js';
import { probeHealth, type HealthReport } from '../http/health-report.js';
import type { HttpAnswer } from '../http/http-call.js';
import { checked, jsonBody } from '../http/json-answer.js';
import { RestTransport, type RestCall, type RestOptions } from '../http/rest-transport.js';
import type { Rucio, RucioReplica } from './rucio.js';
import { replicaListSchema, rseListSchema } from './rucio-answers.js';

/** At most this many DIDs a request (Rucio's clients page long lists likewise). */
const DID_PAGE = 500;

/** Rucio names its errors in an `ExceptionClass` header (and body); the class goes in the message. */
function rucioError(a: HttpAnswer): Error | undefined {
  let cls = '';
  try {
    cls = String((JSON.parse(a.text) as { ExceptionClass?: string }).ExceptionClass ?? '');
  } catch {
    // not JSON: the default status mapping
  }
  if (!cls) return undefined;
  const kind = a.status === 404 ? 'not_found' : a.status >= 500 ? 'unavailable' : 'rejected';
  return new AdapterError(kind, 'rucio', `${cls}: ${a.text.trim().slice(0, 300)}`, {
    status: a.status,
    raw: a.text,
  });
}

/** The real Rucio over its REST API, token in X-Rucio-Auth-Token. */
export class RucioClient implements Rucio {
  private readonly http: RestTransport;

  constructor(private readonly options: RestOptions) {
    this.http = new RestTransport('rucio', 'X-Rucio-Auth-Token', options);
  }

  async listReplicas(dids: readonly string[]): Promise<RucioReplica[]> {
    const out: RucioReplica[] = [];
    for (let i = 0; i < dids.length; i += DID_PAGE) {
      const json = {
        dids: dids.slice(i, i + DID_PAGE).map((d) => {
          const k = d.indexOf(':');
          return { scope: d.slice(0, k), name: d.slice(k + 1) };
        }),
        unavailable: false,
        all_states: false,
      };
      // A read despite POST: safe to send again.
      const c: RestCall = {
        operation: 'replicas/list',
        method: 'POST',
        path: '/replicas/list',
        json,
        idempotent: true,
      };
      const a = await this.http.call(c, rucioError);
      out.push(...checked('rucio', replicaListSchema, jsonBody('rucio', a, c.operation), a, c.operation));
    }
    return out.filter((r) => Object.values(r.rses).some((pfns) => pfns.length > 0));
  }

  async listRses(): Promise<string[]> {
    const c: RestCall = { operation: 'rses', method: 'GET', path: '/rses/', idempotent: true };
    const a = await this.http.call(c, rucioError);
    return checked('rucio', rseListSchema, jsonBody('rucio', a, c.operation), a, c.operation);
  }

  health(): Promise<HealthReport> {
    return probeHealth(() =>
      this.http.call({
        operation: 'health',
        method: 'GET',
        path: '/ping',
        idempotent: true,
        once: { timeoutMs: this.options.timeoutMs ?? 5000 },
      }),
    );
  }
}
