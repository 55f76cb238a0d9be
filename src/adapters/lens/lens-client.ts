import { httpCall, statusError, type HttpTransport } from '../http/http-call.js';
import { probeHealth, type HealthReport } from '../http/health-report.js';
import { withRetries, type RetryPolicy } from '../http/with-retries.js';
import type { Lens, LensEntry, LensItem, LensJob, LensKey, LensSummary, LensWindow } from './lens.js';
import { graphqlError, isNotFound, parsed } from './lens-errors.js';
import { toLensJobId } from '../jobsub/parse/index.js';
import {
  batchedSubmissionsQuery,
  parseBatchedAnswer,
  parseRecentSubmissions,
  parseSubmissionAnswer,
  parseSubmissionJobs,
  recentSubmissionsQuery,
  samProjectFrom,
  submissionCountsQuery,
  submissionJobsQuery,
  submissionProjectQuery,
} from './query/index.js';

export interface LensClientOptions extends Partial<HttpTransport> {
  /** The GraphQL endpoint, e.g. `https://landscape.fnal.gov/lens/query`. */
  url: string;
  /** Per attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retries on 5xx/timeouts (every Lens query is a read). Default 2 from 500 ms, at most 5 s apart. */
  retry?: Partial<RetryPolicy>;
  /** Keys per batched document. Default 50. */
  batchSize?: number;
  /** Batched documents in flight at once (a poll of 10,000 submissions is 200 documents). Default 4. */
  parallel?: number;
  /** Extra headers (Lens takes none by default). */
  headers?: Record<string, string>;
  /** Clock for the health probe's window. */
  now?: () => Date;
}

/** The real Lens: POST `{query, operationName: null}`, literals inlined (external-apis.md 3.1). */
export class LensClient implements Lens {
  private readonly policy: RetryPolicy;

  constructor(private readonly o: LensClientOptions) {
    this.policy = { retries: 2, baseDelayMs: 500, maxDelayMs: 5000, ...o.retry };
  }

  async recentSubmissions(group: string, window?: LensWindow): Promise<LensSummary[]> {
    const op = 'submissions';
    const raw = await this.post(recentSubmissionsQuery(group, window), op);
    const { entries, errors } = parsed(() => parseRecentSubmissions(raw), op);
    if (!entries.length && errors.length) throw graphqlError(errors, op, raw);
    return entries;
  }

  async submission(key: LensKey): Promise<LensEntry | null> {
    return this.one(submissionCountsQuery(lensKey(key)), 'submission counts');
  }

  async submissionProject(key: LensKey): Promise<{ entry: LensEntry; project: string | null } | null> {
    const entry = await this.one(submissionProjectQuery(lensKey(key)), 'submission project');
    return entry && { entry, project: samProjectFrom(entry) };
  }

  async submissionJobs(key: LensKey): Promise<LensJob[] | null> {
    const op = 'submission jobs';
    const raw = await this.post(submissionJobsQuery(lensKey(key)), op);
    const { jobs, errors } = parsed(() => parseSubmissionJobs(raw), op);
    if (jobs || !errors.length || isNotFound(errors)) return jobs;
    throw graphqlError(errors, op, raw);
  }

  /** In documents of `batchSize` keys, at most `parallel` of them in flight; items in key order. */
  async submissions(keys: LensKey[]): Promise<LensItem[]> {
    const size = Math.max(1, this.o.batchSize ?? 50);
    const chunks: LensKey[][] = [];
    for (let i = 0; i < keys.length; i += size) chunks.push(keys.slice(i, i + size));
    const answers: LensItem[][] = new Array(chunks.length);
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const i = next++;
        try {
          answers[i] = await this.batch(chunks[i]);
        } catch (e) {
          next = chunks.length; // the others stop: the poll fails as a whole
          throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.parallel ?? 4) }, worker));
    return answers.flat();
  }

  health(): Promise<HealthReport> {
    const from = new Date((this.o.now?.() ?? new Date()).getTime() - 60_000);
    const document = recentSubmissionsQuery('__poms_health_probe__', { from });
    return probeHealth(async () => {
      const raw = await this.post(document, 'health', true);
      // GraphQL errors in a 200 answer are Lens failing (its backend is down), not an empty window.
      const { errors } = parsed(() => parseRecentSubmissions(raw), 'health');
      if (errors.length && !isNotFound(errors)) throw graphqlError(errors, 'health', raw);
    });
  }

  private async batch(keys: LensKey[]): Promise<LensItem[]> {
    const op = 'batched submissions';
    const { document, aliases } = batchedSubmissionsQuery(keys.map(lensKey));
    const raw = await this.post(document, op);
    const { items, errors } = parsed(() => parseBatchedAnswer(raw, aliases), op);
    if (errors.length && items.every((it) => !it.entry && !it.errors.length))
      throw graphqlError(errors, op, raw);
    return items.map(({ entry, errors: own }, i) =>
      entry || !own.length
        ? { key: keys[i], entry }
        : { key: keys[i], entry: null, error: graphqlError(own, op) },
    );
  }

  /** A `submission(…)` answer: null when Lens has none or says it has none. */
  private async one(document: string, op: string): Promise<LensEntry | null> {
    const raw = await this.post(document, op);
    const { entry, errors } = parsed(() => parseSubmissionAnswer(raw), op);
    if (entry || !errors.length || isNotFound(errors)) return entry;
    throw graphqlError(errors, op, raw);
  }

  /** The raw body of a 2xx answer to the document, after retries. */
  private post(document: string, operation: string, once = false): Promise<string> {
    const t: HttpTransport = { ...this.o, timeoutMs: this.o.timeoutMs ?? 30_000 };
    const attempt = async () => {
      const a = await httpCall(
        {
          method: 'POST',
          url: this.o.url,
          json: { query: document, operationName: null },
          headers: this.o.headers,
        },
        t,
        { service: 'lens', operation },
      );
      if (a.status < 200 || a.status > 299) throw statusError(a, 'lens', operation);
      return a.text;
    };
    return once ? attempt() : withRetries(attempt, this.policy);
  }
}

/** Lens knows submissions by `C.0@schedd`; POMS stores `C@schedd`. */
const lensKey = (key: LensKey): LensKey => ('jobId' in key ? { jobId: toLensJobId(key.jobId) } : key);
