import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDispatcherClient } from '../../../../src/adapters/data-dispatcher/index.js';
import type { RestOptions } from '../../../../src/adapters/http/rest-transport.js';
import { MetacatClient } from '../../../../src/adapters/metacat/index.js';
import { RucioClient } from '../../../../src/adapters/rucio/index.js';
import { startStub, type StubReply, type StubRequest, type StubServer } from '../sam/stub-http-server.js';
import { failure } from '../../../helpers/adapter-failure.js';

// The MetaCat, Data Dispatcher and Rucio clients on answers in the real services' formats
// (test/fixtures/golden, written from metacat's dbobjects2.py/data_handler.py, data_dispatcher's
// db.py/data_server.py and Rucio's replicas API), and on their failures.

const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/golden', name), 'utf8');

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

async function on(reply: (req: StubRequest, i: number) => StubReply): Promise<RestOptions> {
  stub = await startStub(reply);
  return {
    baseUrl: stub.url,
    token: 'tok-1',
    timeoutMs: 500,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, random: () => 0 },
  };
}

describe('MetacatClient', () => {
  it('posts MQL to /data/query with the token and reads the json-seq answer', async () => {
    const mc = new MetacatClient(
      await on(() => ({ body: fixture('metacat-query.json-seq'), contentType: 'application/json-seq' })),
    );
    const files = await mc.query('files from dune:np04_raw_run005141', {
      withMetadata: true,
      withProvenance: true,
    });
    expect(files.map((f) => `${f.namespace}:${f.name}`)).toEqual([
      'dune:np04_raw_run005141_0001_dl1.root',
      'dune:np04_raw_run005141_0002_dl1.root',
    ]);
    expect(files[0]).toMatchObject({ fid: '7d3e1f0a9c2b4e11', children: ['a81c44de03f5493c'], parents: [] });
    expect(files[0].metadata?.['core.runs']).toEqual([5141]);
    const [r] = stub!.requests;
    expect([r.method, r.url.pathname, r.url.searchParams.get('with_meta')]).toEqual([
      'POST',
      '/data/query',
      'yes',
    ]);
    expect(r.headers['x-authentication-token']).toBe('tok-1');
    expect(r.body).toBe('files from dune:np04_raw_run005141');
  });

  it('counts with summary=count', async () => {
    const mc = new MetacatClient(
      await on(() => ({ body: fixture('metacat-count.json'), contentType: 'application/json' })),
    );
    expect(await mc.count('files from dune:x')).toBe(2);
    expect(stub!.requests[0].url.searchParams.get('summary')).toBe('count');
  });

  it('an MQL error is rejected with MetaCat’s message, not retried', async () => {
    const mc = new MetacatClient(
      await on(() => ({ status: 400, body: 'MQLSyntaxError: Unexpected token Token(...)' })),
    );
    const e = await failure(mc.count('files frm x'));
    expect(e.kind).toBe('rejected');
    expect(e.message).toMatch(/MQLSyntaxError/);
    expect(stub!.requests).toHaveLength(1);
  });

  it('retries a 503 read, never a query that saves a dataset', async () => {
    let opts = await on((_r, i) =>
      i === 0 ? { status: 503, body: 'busy' } : { body: '[]', contentType: 'application/json' },
    );
    expect(await new MetacatClient(opts).query('files from dune:x')).toEqual([]);
    expect(stub!.requests).toHaveLength(2);
    await stub!.close();
    opts = await on(() => ({ status: 503, body: 'busy' }));
    const e = await failure(new MetacatClient(opts).query('files from dune:x', { saveAs: 'dune:frozen' }));
    expect(e.kind).toBe('unavailable');
    expect(stub!.requests).toHaveLength(1);
  });

  it('a missing file or named query is null; 401 is rejected', async () => {
    const mc = new MetacatClient(
      await on((r) =>
        r.url.pathname === '/data/file'
          ? { status: 404, body: 'File not found' }
          : { status: 401, body: 'Authentication required' },
      ),
    );
    expect(await mc.file('dune:nope')).toBeNull();
    expect((await failure(mc.createNamedQuery('dune:q', 'files from dune:x'))).kind).toBe('rejected');
  });

  it('times out an answer that does not come', async () => {
    const mc = new MetacatClient({
      ...(await on(() => ({ delayMs: 2000, body: '[]' }))),
      retry: { retries: 0 },
    });
    expect((await failure(mc.count('files from dune:x'))).kind).toBe('timeout');
  });
});

describe('DataDispatcherClient', () => {
  it('reads a project with its handles: states, worker ids, attempts', async () => {
    const dd = new DataDispatcherClient(
      await on(() => ({ body: fixture('dd-project.json'), contentType: 'text/json' })),
    );
    const p = await dd.project(1824);
    expect(p).toMatchObject({ projectId: 1824, state: 'active', owner: 'dunepro' });
    expect(p!.handles!.map((h) => [h.name.slice(-13), h.state, h.workerId, h.attempts])).toEqual([
      ['0001_dl1.root', 'done', null, 1], // DD forgets the worker once the file is done or failed
      ['0002_dl1.root', 'failed', null, 3],
      ['0003_dl1.root', 'reserved', 'fnpc4412_1733480611_c3d4', 1],
      ['0004_dl1.root', 'initial', null, 0],
    ]);
    expect(stub!.requests[0].url.search).toBe('?project_id=1824&with_files=yes&with_replicas=no');
  });

  it('creates a project from DIDs with the timeouts, once', async () => {
    const dd = new DataDispatcherClient(await on(() => ({ status: 503, body: 'down' })));
    await failure(dd.createProject(['dune:a.root'], { query: 'files dune:a.root', workerTimeoutS: 60 }));
    expect(stub!.requests).toHaveLength(1);
    expect(JSON.parse(stub!.requests[0].body)).toMatchObject({
      files: [{ namespace: 'dune', name: 'a.root', attributes: {} }],
      query: 'files dune:a.root',
      worker_timeout: 60,
      idle_timeout: 259200,
    });
  });

  it('worker calls: next_file reserved, release as failed', async () => {
    const dd = new DataDispatcherClient(
      await on((r) =>
        r.url.pathname === '/next_file'
          ? { body: fixture('dd-next-file.json') }
          : { status: 403, body: 'Not authorized: wrong worker_id' },
      ),
    );
    const n = await dd.nextFile(1824, 'w1');
    expect(n.handle).toMatchObject({ state: 'reserved', attempts: 1 });
    const e = await failure(dd.release(1824, 'dune:x.root', 'w2', { failed: true }));
    expect(e.kind).toBe('rejected');
    expect(stub!.requests[1].url.searchParams.get('handle_id')).toBe('1824:dune:x.root');
  });

  it('an unknown project is null', async () => {
    const dd = new DataDispatcherClient(await on(() => ({ status: 404, body: 'Project not found' })));
    expect(await dd.project(9)).toBeNull();
  });
});

describe('RucioClient', () => {
  it('lists replicas from the x-json-stream, leaving out DIDs without one', async () => {
    const rucio = new RucioClient(
      await on(() => ({
        body: fixture('rucio-replicas.json-stream'),
        contentType: 'application/x-json-stream',
      })),
    );
    const reps = await rucio.listReplicas([
      'dune:np04_reco_run005141_0001.root',
      'dune:np04_reco_run005141_0002.root',
    ]);
    expect(reps.map((r) => [r.name, Object.keys(r.rses)])).toEqual([
      ['np04_reco_run005141_0001.root', ['CERN_PDUNE_EOS']],
    ]);
    const [r] = stub!.requests;
    expect(r.headers['x-rucio-auth-token']).toBe('tok-1');
    expect(JSON.parse(r.body).dids[1]).toEqual({ scope: 'dune', name: 'np04_reco_run005141_0002.root' });
  });

  it('names Rucio’s exception class on a refusal', async () => {
    const rucio = new RucioClient(
      await on(() => ({
        status: 401,
        body: '{"ExceptionClass": "CannotAuthenticate", "ExceptionMessage": "Cannot authenticate to account"}',
      })),
    );
    const e = await failure(rucio.listReplicas(['dune:a']));
    expect([e.kind, e.message]).toEqual(['rejected', expect.stringMatching(/CannotAuthenticate/)]);
  });

  it('answers garbage as malformed', async () => {
    const rucio = new RucioClient(await on(() => ({ body: '<html>proxy</html>', contentType: 'text/html' })));
    expect((await failure(rucio.listRses())).kind).toBe('malformed');
  });
});
