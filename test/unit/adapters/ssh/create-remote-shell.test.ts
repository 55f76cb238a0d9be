import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src/adapters/adapter-error.js';
import { createRemoteShell, withPreamble } from '../../../../src/adapters/ssh/index.js';

describe('createRemoteShell', () => {
  it('runs local hosts in a local bash when configured', async () => {
    const shell = createRemoteShell({ local: {} });
    for (const host of ['localhost', '127.0.0.1', 'LOCALHOST'])
      expect((await shell.run({ host, account: 'x' }, 'echo $((6*7))')).output).toBe('42\n');
  });

  it('refuses other hosts, with a clear error, when no SSH key is configured', async () => {
    const shell = createRemoteShell({ local: {} });
    const e = await shell.run({ host: 'launch.example', account: 'poms' }, 'true').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AdapterError);
    expect((e as AdapterError).kind).toBe('rejected');
    expect((e as AdapterError).message).toContain('poms@launch.example');
  });

  it('sends local hosts over SSH when local execution is not configured', async () => {
    const shell = createRemoteShell({
      ssh: { privateKeyFile: '/nonexistent/key', knownHostsFile: '/nonexistent/known_hosts' },
    });
    const e = await shell.run({ host: 'localhost', account: 'poms' }, 'true').catch((x: unknown) => x);
    expect((e as AdapterError).service).toBe('ssh');
  });
});

describe('withPreamble', () => {
  it('exports quoted values and the PATH prefix before the script', () => {
    expect(withPreamble('jobsub_q\n', { env: { A: "it's" }, pathPrefix: ['/x y', '/z'] })).toBe(
      `export A='it'\\''s'\nexport POMS_PATH_PREFIX='/x y:/z'\nexport PATH="$POMS_PATH_PREFIX:$PATH"\njobsub_q\n`,
    );
    expect(withPreamble('x')).toBe('x');
  });
});
