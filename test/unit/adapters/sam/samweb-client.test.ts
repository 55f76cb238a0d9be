import { afterEach, describe, expect, it } from 'vitest';
import { SamwebClient, type SamwebClientOptions } from '../../../../src/adapters/sam/index.js';
import { startStub, type StubReply, type StubRequest, type StubServer } from './stub-http-server.js';
import { failure } from '../../../helpers/adapter-failure.js';

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** A client on a stub answering with `reply`; retries come fast and without jitter. */
async function clientOn(
  reply: (req: StubRequest, i: number) => StubReply,
  options: Partial<SamwebClientOptions> = {},
): Promise<SamwebClient> {
  stub = await startStub(reply);
  return new SamwebClient({
    baseUrl: `${stub.url}/sam`,
    timeoutMs: 1000,
    retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5, random: () => 0 },
    ...options,
  });
}

describe('SamwebClient requests', () => {
  it('lists files with GET <base>/<experiment>/api/files/list?format=json&dims=…', async () => {
    const sam = await clientOn(() => ({ body: '["a.root","b.root"]', contentType: 'application/json' }));
    expect(await sam.listFiles('samdev', 'defname: demo_raw with limit 2')).toEqual(['a.root', 'b.root']);
    const [r] = stub!.requests;
    expect(r.method).toBe('GET');
    expect(r.url.pathname).toBe('/sam/samdev/api/files/list');
    expect(r.url.searchParams.get('format')).toBe('json');
    expect(r.url.searchParams.get('dims')).toBe('defname: demo_raw with limit 2');
  });

  it('switches to a POST form when the dims are longer than 1024 characters', async () => {
    const sam = await clientOn(() => ({ body: '7' }));
    const dims = `file_name ${Array.from({ length: 120 }, (_, i) => `f${i}.root`).join(',')}`;
    expect(dims.length).toBeGreaterThan(1024);
    expect(await sam.countFiles('samdev', dims)).toBe(7);
    const [r] = stub!.requests;
    expect(r.method).toBe('POST');
    expect(r.url.search).toBe('');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(r.body).get('dims')).toBe(dims);
  });

  it('keeps format in the query when the dims go in the form', async () => {
    const sam = await clientOn(() => ({ body: '["a"]' }));
    await sam.listFiles('samdev', `file_name ${'x'.repeat(1100)}`);
    const [r] = stub!.requests;
    expect([r.method, r.url.search, [...new URLSearchParams(r.body).keys()]]).toEqual([
      'POST',
      '?format=json',
      ['dims'],
    ]);
  });

  it('reads a definition description whichever names the server gives the fields', async () => {
    const sam = await clientOn(() => ({
      body: JSON.stringify({
        defname: 'd',
        defid: 3,
        dims: 'file_name b',
        username: 'sam',
        description: null,
      }),
    }));
    expect(await sam.describeDefinition('samdev', 'd')).toEqual({
      name: 'd',
      dims: 'file_name b',
      user: 'sam',
    });
  });

  it('sends the bearer token when given one', async () => {
    const sam = await clientOn(() => ({ body: '0' }), { token: async () => 'tok-1' });
    await sam.countFiles('samdev', 'file_name x');
    expect(stub!.requests[0].headers.authorization).toBe('Bearer tok-1');
  });

  it('creates a definition with the POMS form fields', async () => {
    const sam = await clientOn(() => ({ body: 'created' }));
    await sam.createDefinition('samdev', 'poms_depends_101_1', 'defname:x', { description: 'd' });
    const [r] = stub!.requests;
    expect([r.method, r.url.pathname]).toEqual(['POST', '/sam/samdev/api/definitions/create']);
    expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual({
      defname: 'poms_depends_101_1',
      dims: 'defname:x',
      user: 'sam',
      group: 'samdev',
      description: 'd',
    });
  });

  it('replaces a definition on 409 when asked: delete, then create again', async () => {
    const sam = await clientOn((r, i) => (i === 0 ? { status: 409, body: 'exists' } : { body: r.method }));
    await sam.createDefinition('samdev', 'd 1', 'file_name y', { onConflict: 'replace' });
    expect(stub!.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /sam/samdev/api/definitions/create',
      'DELETE /sam/samdev/api/definitions/name/d%201',
      'POST /sam/samdev/api/definitions/create',
    ]);
  });

  it('reports 409 as conflict when replacing was not asked for', async () => {
    const sam = await clientOn(() => ({ status: 409, body: 'Definition exists' }));
    expect((await failure(sam.createDefinition('samdev', 'd', 'x'))).kind).toBe('conflict');
    expect(stub!.requests).toHaveLength(1);
  });

  it('reads summary, snapshot id, recovery dims and definition descriptions', async () => {
    const sam = await clientOn((r) => {
      if (r.url.pathname.endsWith('/summary'))
        return {
          body: JSON.stringify({
            project_status: 'running',
            files_in_snapshot: 40,
            file_counts: { consumed: 3 },
            station: 'samdev',
          }),
        };
      if (r.url.pathname.endsWith('/snapshot')) return { body: '17\n' };
      if (r.url.pathname.endsWith('/recovery_dimensions')) return { body: ' project_name p minus x \n' };
      return {
        body: JSON.stringify({ defname: 'd', dimensions: 'file_name a', user: 'sam', group: 'samdev' }),
      };
    });
    expect(await sam.projectSummary('samdev', 'p')).toEqual({
      project_status: 'running',
      files_in_snapshot: 40,
      file_counts: { consumed: 3 },
      station: 'samdev',
    });
    expect(stub!.requests[0].url.search).toBe('?format=json&process_limit=0');
    expect(await sam.takeSnapshot('samdev', 'd')).toBe(17);
    expect(new URLSearchParams(stub!.requests[1].body).get('group')).toBe('samdev');
    expect(await sam.recoveryDimensions('samdev', 'p', { useProcess: true })).toBe('project_name p minus x');
    expect(stub!.requests[2].url.searchParams.get('useProcess')).toBe('1');
    expect(await sam.describeDefinition('samdev', 'd')).toEqual({
      name: 'd',
      dims: 'file_name a',
      user: 'sam',
      group: 'samdev',
    });
  });

  it('answers null for an unknown file, definition or project (404)', async () => {
    const sam = await clientOn(() => ({ status: 404, body: 'not found' }));
    expect(await sam.fileMetadata('samdev', 'nope.root')).toBeNull();
    expect(await sam.describeDefinition('samdev', 'nope')).toBeNull();
    expect(await sam.projectSummary('samdev', 'nope')).toBeNull();
    expect(stub!.requests).toHaveLength(3);
  });
});

describe('SamwebClient failures', () => {
  it('retries a read on 503 and succeeds', async () => {
    const sam = await clientOn((_r, i) => (i < 2 ? { status: 503, body: 'busy' } : { body: '12' }));
    expect(await sam.countFiles('samdev', 'file_name x')).toBe(12);
    expect(stub!.requests).toHaveLength(3);
  });

  it('gives up after the retries with unavailable and the attempt count', async () => {
    const sam = await clientOn(() => ({ status: 503, body: 'Service Unavailable' }));
    const e = await failure(sam.listFiles('samdev', 'file_name x'));
    expect([e.kind, e.service, e.status, e.attempts, e.raw]).toEqual([
      'unavailable',
      'sam',
      503,
      4,
      'Service Unavailable',
    ]);
    expect(stub!.requests).toHaveLength(4);
  });

  it('does not retry a write on 5xx', async () => {
    const sam = await clientOn(() => ({ status: 500, body: 'oops' }));
    expect((await failure(sam.takeSnapshot('samdev', 'd'))).kind).toBe('unavailable');
    expect(stub!.requests).toHaveLength(1);
  });

  it('does not retry a 400, and a 400 on a count is an unknown definition', async () => {
    const sam = await clientOn((r) => {
      const dims = r.url.searchParams.get('dims') ?? '';
      if (dims.includes('(((')) return { status: 400, body: 'Parse error at line 1, column 5: unexpected (' };
      if (dims.includes('huge')) return { status: 400, body: 'Query exceeds the query limit of 10 files' };
      if (dims.includes('odd')) return { status: 400, body: 'Dataset odd unknown' };
      return { status: 400, body: "Definition 'nope' not found" };
    });
    const e = await failure(sam.countFiles('samdev', 'defname: nope'));
    expect([e.kind, e.status]).toEqual(['not_found', 400]);
    expect(e.message).toContain('not found');
    expect(stub!.requests).toHaveLength(1);
    expect((await failure(sam.countFiles('samdev', 'defname: odd'))).kind).toBe('not_found');
    expect((await failure(sam.listFiles('samdev', 'defname: nope'))).kind).toBe('not_found');
    expect((await failure(sam.countFiles('samdev', 'bad ((('))).kind).toBe('rejected');
    expect((await failure(sam.listFiles('samdev', 'bad ((('))).kind).toBe('rejected');
    const limit = await failure(sam.listFiles('samdev', 'file_name huge%'));
    expect([limit.kind, limit.message]).toEqual(['rejected', expect.stringContaining('query limit')]);
    expect((await failure(sam.countFiles('samdev', 'file_name huge%'))).kind).toBe('rejected');
  });

  it('times out a slow answer, retries it, then reports timeout', async () => {
    const sam = await clientOn(() => ({ body: '1', delayMs: 300 }), {
      timeoutMs: 50,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const e = await failure(sam.countFiles('samdev', 'file_name x'));
    expect([e.kind, e.attempts]).toEqual(['timeout', 2]);
    expect(stub!.requests).toHaveLength(2);
  });

  it('keeps the raw text of a malformed answer', async () => {
    const sam = await clientOn(() => ({ body: '<html>proxy error</html>' }));
    const e = await failure(sam.listFiles('samdev', 'file_name x'));
    expect([e.kind, e.raw]).toEqual(['malformed', '<html>proxy error</html>']);
    const bad = await failure(sam.countFiles('samdev', 'file_name x'));
    expect([bad.kind, bad.raw]).toEqual(['malformed', '<html>proxy error</html>']);
  });

  it('rejects JSON of the wrong shape as malformed, and truncates a huge raw answer', async () => {
    const sam = await clientOn((r) =>
      r.url.pathname.endsWith('/summary')
        ? { body: '{"files_in_snapshot":"many"}' }
        : { body: JSON.stringify([1, 'x'.repeat(5000)]) },
    );
    expect((await failure(sam.projectSummary('samdev', 'p'))).kind).toBe('malformed');
    const e = await failure(sam.listFiles('samdev', 'file_name x'));
    expect(e.raw!.length).toBeLessThan(2100);
    expect(e.raw).toMatch(/more characters\]$/);
  });

  it('reports the query limit on counts as rejected', async () => {
    const sam = await clientOn(() => ({ body: 'Error: query limit exceeded' }));
    expect((await failure(sam.countFiles('samdev', 'file_name %'))).kind).toBe('rejected');
  });

  it('reports a refused connection as unavailable', async () => {
    const sam = new SamwebClient({ baseUrl: 'http://127.0.0.1:1/sam', retry: { retries: 0 } });
    expect((await failure(sam.countFiles('samdev', 'file_name x'))).kind).toBe('unavailable');
  });

  it('probes health once and never throws', async () => {
    const sam = await clientOn(() => ({ status: 503 }));
    const h = await sam.health('samdev');
    expect(h.ok).toBe(false);
    expect(h.detail).toMatch(/^unavailable/);
    expect(stub!.requests).toHaveLength(1);
  });
});
