import { afterEach, describe, expect, it } from 'vitest';
import { LensClient, type LensClientOptions } from '../../../../src/adapters/lens/index.js';
import { startStub, type StubReply, type StubRequest, type StubServer } from '../sam/stub-http-server.js';
import { failure } from '../../../helpers/adapter-failure.js';

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function clientOn(
  reply: (req: StubRequest, i: number) => StubReply,
  options: Partial<LensClientOptions> = {},
): Promise<LensClient> {
  stub = await startStub(reply);
  return new LensClient({
    url: `${stub.url}/lens/query`,
    timeoutMs: 1000,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, random: () => 0 },
    ...options,
  });
}

const json = (v: unknown): StubReply => ({ body: JSON.stringify(v), contentType: 'application/json' });
const counts = { done: false, running: 6, idle: 3, held: 1, failed: 0, completed: 0, cancelled: 0 };

describe('LensClient', () => {
  it('POSTs {query, operationName: null} as JSON (ids in Lens form) and parses the counts', async () => {
    const lens = await clientOn(() =>
      json({ data: { submission: { id: '5001.0@s', pomsTaskID: '101', POMS_ENV: null, ...counts } } }),
    );
    const e = await lens.submission({ jobId: '5001@s' });
    expect(e).toMatchObject({
      id: '5001.0@s',
      pomsTaskID: 101,
      running: 6,
      idle: 3,
      held: 1,
      env: { POMS_ENV: null },
    });
    const [r] = stub!.requests;
    expect([r.method, r.url.pathname, r.headers['content-type']]).toEqual([
      'POST',
      '/lens/query',
      'application/json',
    ]);
    const body = JSON.parse(r.body);
    expect(body.operationName).toBeNull();
    expect(body.query).toContain('submission(id: "5001.0@s")');
  });

  it('answers null when Lens says there is no such submission', async () => {
    const lens = await clientOn(() =>
      json({
        data: { submission: null },
        errors: [{ message: 'no submission found with the given pomsTaskId', path: ['submission'] }],
      }),
    );
    expect(await lens.submission({ taskId: 999 })).toBeNull();
  });

  it('reports other GraphQL errors as rejected', async () => {
    const lens = await clientOn(() =>
      json({ data: null, errors: [{ message: 'Syntax Error: Unexpected Name' }] }),
    );
    const e = await failure(lens.submission({ taskId: 1 }));
    expect([e.kind, e.service]).toEqual(['rejected', 'lens']);
    expect(e.message).toContain('Syntax Error');
    expect((await failure(lens.recentSubmissions('fermilab'))).kind).toBe('rejected');
  });

  it('finds the SAM project from args or env', async () => {
    const lens = await clientOn(() =>
      json({
        data: {
          submission: {
            id: '5001.0@s',
            SAM_PROJECT: null,
            SAM_PROJECT_NAME: 'p_env',
            args: '--sam_project p_args -x',
          },
        },
      }),
    );
    expect(await lens.submissionProject({ jobId: '5001.0@s' })).toMatchObject({ project: 'p_args' });
  });

  it('lists recent submissions of a group in a window', async () => {
    const lens = await clientOn(() =>
      json({
        data: {
          submissions: [
            { id: '1.0@s', pomsTaskID: 7 },
            { id: '2.0@s', pomsTaskID: null },
          ],
        },
      }),
    );
    const list = await lens.recentSubmissions('fermilab', { from: new Date('2025-04-01T10:00:00Z') });
    expect(list.map((s) => [s.id, s.pomsTaskID])).toEqual([
      ['1.0@s', 7],
      ['2.0@s', null],
    ]);
    expect(JSON.parse(stub!.requests[0].body).query).toContain('from: "2025-04-01T10:00:00", to: "now"');
  });

  it('returns per-alias errors per item of a batch, in batches of batchSize', async () => {
    const lens = await clientOn(
      (r) => {
        const q: string = JSON.parse(r.body).query;
        const data: Record<string, unknown> = {};
        const errors: unknown[] = [];
        for (const m of q.matchAll(/(\w+): submission\((\w+): "?([^")]+)"?\)/g)) {
          const [, alias, , value] = m;
          if (value === '999') {
            data[alias] = null;
            errors.push({ message: 'no submission found with the given pomsTaskId', path: [alias] });
          } else if (value === '998') {
            data[alias] = null;
            errors.push({ message: 'internal failure', path: [alias] });
          } else data[alias] = { id: value.includes('@') ? value : `${value}.0@s`, pomsTaskID: 1, ...counts };
        }
        return json({ data, errors });
      },
      { batchSize: 2 },
    );
    const items = await lens.submissions([{ jobId: '5@s' }, { taskId: 999 }, { taskId: 998 }, { taskId: 4 }]);
    expect(stub!.requests).toHaveLength(2);
    expect(items.map((i) => [i.entry?.id ?? null, i.error?.kind ?? null])).toEqual([
      ['5.0@s', null],
      [null, 'not_found'],
      [null, 'rejected'],
      ['4.0@s', null],
    ]);
    expect(items[0].key).toEqual({ jobId: '5@s' });
    expect(items[1].key).toEqual({ taskId: 999 });
  });

  it('keeps the raw text of garbage as malformed, without retrying', async () => {
    const lens = await clientOn(() => ({ body: 'Bad Gateway but 200' }));
    const e = await failure(lens.submission({ taskId: 1 }));
    expect([e.kind, e.raw]).toEqual(['malformed', 'Bad Gateway but 200']);
    expect(stub!.requests).toHaveLength(1);
  });

  it('retries 5xx and timeouts, then reports them', async () => {
    const lens = await clientOn((_r, i) => (i === 0 ? { status: 502 } : json({ data: { submissions: [] } })));
    expect(await lens.recentSubmissions('fermilab')).toEqual([]);
    expect(stub!.requests).toHaveLength(2);
    await stub!.close();
    const slow = await clientOn(() => ({ delayMs: 300, body: '{}' }), { timeoutMs: 40 });
    const e = await failure(slow.recentSubmissions('fermilab'));
    expect([e.kind, e.attempts]).toEqual(['timeout', 3]);
  });

  it('probes health with one small query', async () => {
    const lens = await clientOn(() => json({ data: { submissions: [] } }));
    expect((await lens.health()).ok).toBe(true);
    expect(JSON.parse(stub!.requests[0].body).query).toContain('submissions(group: "__poms_health_probe__"');
    await stub!.close();
    const bad = await clientOn(() => ({ body: 'nope' }));
    expect(await bad.health()).toMatchObject({ ok: false, detail: expect.stringMatching(/^malformed/) });
  });
});
