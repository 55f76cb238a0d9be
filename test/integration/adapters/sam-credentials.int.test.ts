import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAdapterError } from '../../../src/adapters/adapter-error.js';
import { SamwebClient } from '../../../src/adapters/sam/index.js';
import { samCredentials } from '../../../src/adapters/sam/sam-credentials.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { realSamOptions } from '../../../src/services/fife/sam-site.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { makeTestCa, type TestCa } from '../../helpers/test-ca.js';

// SAM writes carry credentials: the simulator serves HTTPS with a CA made here and refuses writes
// without a client certificate it trusts or a token it knows, over a real TLS handshake.
describe('SAM with credentials over HTTPS', () => {
  let ca: TestCa;
  let other: TestCa;
  let sim: RunningSimulator;
  const base = () => sim.samBaseUrl;
  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (isAdapterError(e) ? { kind: e.kind, status: e.status, message: e.message } : e),
    );

  beforeAll(async () => {
    ca = makeTestCa();
    other = makeTestCa('Another CA');
    sim = await startSimulator({
      stateDir: null,
      clock: 'manual',
      demo: true,
      samTokens: ['managed-token-for-samdev'],
      tls: {
        cert: fs.readFileSync(ca.serverCert, 'utf8'),
        key: fs.readFileSync(ca.serverKey, 'utf8'),
        ca: fs.readFileSync(ca.ca, 'utf8'),
      },
    });
  });
  afterAll(async () => {
    await sim?.stop();
    ca?.remove();
    other?.remove();
  });

  it('a client certificate signed by the CA the server trusts: writes accepted (cert+key, and a proxy file)', async () => {
    expect(base()).toMatch(/^https:/);
    const svc = ca.client('poms-service');
    for (const creds of [{ cert: svc.cert, key: svc.key }, { cert: svc.proxy }]) {
      const sam = new SamwebClient({
        baseUrl: base(),
        auth: samCredentials(() => ({ ...creds, ca: ca.ca })),
      });
      const name = `cert_def_${path.basename(creds.cert)}`.replace(/\W/g, '_');
      await sam.createDefinition('samdev', name, 'defname:demo_raw with limit 2');
      expect(await sam.countFiles('samdev', `defname:${name}`)).toBe(2);
      expect(await sam.takeSnapshot('samdev', name)).toBeGreaterThan(0);
    }
  });

  it('without credentials reads work and writes are refused (401); a foreign certificate is 403', async () => {
    const anon = new SamwebClient({ baseUrl: base(), auth: samCredentials(() => ({ ca: ca.ca })) });
    expect(await anon.countFiles('samdev', 'defname:demo_raw')).toBeGreaterThan(0);
    expect(await rejection(anon.createDefinition('samdev', 'anon_def', 'file_name x'))).toMatchObject({
      kind: 'rejected',
      status: 401,
    });
    const stranger = other.client('stranger');
    const foreign = new SamwebClient({
      baseUrl: base(),
      auth: samCredentials(() => ({ cert: stranger.cert, key: stranger.key, ca: ca.ca })),
    });
    expect(await rejection(foreign.createDefinition('samdev', 'foreign_def', 'file_name x'))).toMatchObject({
      status: 403,
    });
    // And the server's certificate is checked: without our CA the handshake fails.
    const unverified = new SamwebClient({ baseUrl: base(), retry: { retries: 0 } });
    expect(await rejection(unverified.countFiles('samdev', 'defname:demo_raw'))).toMatchObject({
      kind: 'unavailable',
    });
  });

  it('from the [sam] configuration: per-experiment URL and token file ({experiment})', async () => {
    const tokens = path.join(ca.dir, 'tokens');
    fs.mkdirSync(tokens);
    fs.writeFileSync(path.join(tokens, 'samdev.token'), 'managed-token-for-samdev\n');
    fs.writeFileSync(path.join(tokens, 'nova.token'), 'a-token-sam-does-not-know\n');
    const config = loadConfig(
      {},
      {
        sam: {
          mode: 'real',
          url: 'https://sam{experiment}.invalid:8483/sam',
          experiment_urls: `samdev=${base()}, nova=${base()}`,
          ca: ca.ca,
          token_file: path.join(tokens, '{experiment}.token'),
        },
      },
    );
    const site = realSamOptions(config.sam)!;
    expect((site.baseUrl as (e: string) => string)('mu2e')).toBe('https://sammu2e.invalid:8483/sam');
    const sam = new SamwebClient({ ...site, retry: { retries: 0 } });
    await sam.createDefinition('samdev', 'token_def', 'defname:demo_raw with limit 1');
    expect(await sam.countFiles('samdev', 'defname:token_def')).toBe(1);
    // The nova file holds a token this SAM does not accept: 403, not a silent anonymous write.
    expect(await rejection(sam.createDefinition('nova', 'token_def', 'file_name x'))).toMatchObject({
      status: 403,
    });
    // A renewed token is read at the next call.
    fs.writeFileSync(path.join(tokens, 'nova.token'), 'managed-token-for-samdev\n');
    await expect(sam.createDefinition('nova', 'token_def2', 'file_name x')).resolves.toBeUndefined();
  });
});
