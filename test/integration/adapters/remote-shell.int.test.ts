import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../src/adapters/adapter-error.js';
import { LocalShell, Ssh2Shell } from '../../../src/adapters/ssh/index.js';
import { describeRemoteShellContract } from './contracts/remote-shell-contract.js';
import { skipSsh, sshInfo, sshOptions, sshTarget } from './ssh-fixture.js';

describeRemoteShellContract('LocalShell', () => ({
  shell: new LocalShell(),
  target: { host: 'localhost', account: 'poms' },
}));

describe.skipIf(skipSsh)('over SSH to the loopback sshd', () => {
  describeRemoteShellContract('Ssh2Shell', () => ({
    shell: new Ssh2Shell(sshOptions()),
    target: sshTarget(),
  }));

  const dir = mkdtempSync(join(tmpdir(), 'ssh-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const failure = async (p: Promise<unknown>) => {
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AdapterError);
    return e as AdapterError;
  };
  const otherKey = () => ssh2.utils.generateKeyPairSync('ed25519');

  it('refuses a server whose host key differs from the pinned one', async () => {
    const line = readFileSync(sshInfo!.knownHosts, 'utf8').trim().split(/\s+/);
    const fake = otherKey().public.split(' ')[1];
    writeFileSync(join(dir, 'wrong_known_hosts'), `${line[0]} ssh-ed25519 ${fake}\n`);
    const shell = new Ssh2Shell(sshOptions({ knownHostsFile: join(dir, 'wrong_known_hosts') }));
    const e = await failure(shell.run(sshTarget(), 'echo should-not-run'));
    expect([e.kind, e.service]).toEqual(['rejected', 'ssh']);
    expect(e.message).toMatch(/host key .* does not match/);
  });

  it('refuses a host that is not in known_hosts without connecting', async () => {
    writeFileSync(
      join(dir, 'other_known_hosts'),
      `[127.0.0.1]:1 ssh-ed25519 ${otherKey().public.split(' ')[1]}\n`,
    );
    const shell = new Ssh2Shell(sshOptions({ knownHostsFile: join(dir, 'other_known_hosts') }));
    const e = await failure(shell.run(sshTarget(), 'true'));
    expect([e.kind, e.message]).toEqual(['rejected', expect.stringContaining('not in')]);
  });

  it('reports a refused key as rejected and a closed port as unavailable', async () => {
    writeFileSync(join(dir, 'stranger_key'), otherKey().private, { mode: 0o600 });
    const stranger = new Ssh2Shell(sshOptions({ privateKeyFile: join(dir, 'stranger_key') }));
    expect((await failure(stranger.run(sshTarget(), 'true'))).kind).toBe('rejected');
    const line = readFileSync(sshInfo!.knownHosts, 'utf8').trim().split(/\s+/);
    writeFileSync(join(dir, 'port_known_hosts'), `[127.0.0.1]:9 ${line[1]} ${line[2]}\n`);
    const closed = new Ssh2Shell(sshOptions({ knownHostsFile: join(dir, 'port_known_hosts') }));
    expect((await failure(closed.run({ ...sshTarget(), port: 9 }, 'true'))).kind).toBe('unavailable');
  });
});
