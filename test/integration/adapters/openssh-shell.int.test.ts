import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../src/adapters/adapter-error.js';
import { OpensshShell, Ssh2Shell, type OpensshShellOptions } from '../../../src/adapters/ssh/index.js';
import { describeRemoteShellContract } from './contracts/remote-shell-contract.js';
import { startLoginSshd, type LoginSshd } from './login-sshd.js';
import { skipSsh, sshInfo, sshTarget } from './ssh-fixture.js';

describe.skipIf(skipSsh)('the system OpenSSH transport on the loopback sshd', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openssh-'));
  const shells: OpensshShell[] = [];
  const opensshShell = (extra: Partial<OpensshShellOptions> = {}) => {
    const s = new OpensshShell({
      knownHostsFile: sshInfo!.knownHosts,
      identityFile: sshInfo!.key,
      controlDir: join(dir, 'control'),
      controlPersistS: 60,
      connectTimeoutMs: 10_000,
      ...extra,
    });
    shells.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(shells.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const failure = async (p: Promise<unknown>) => {
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AdapterError);
    return e as AdapterError;
  };

  describeRemoteShellContract('OpensshShell', () => ({
    shell: opensshShell(),
    target: sshTarget(),
    killedStatus: 255,
  }));

  it('reuses one master connection, in a private control directory, and closes it', async () => {
    const shell = opensshShell({ controlDir: join(dir, 'reuse') });
    expect((await shell.run(sshTarget(), 'echo one\n')).output).toBe('one\n');
    const sockets = readdirSync(join(dir, 'reuse'));
    expect(sockets).toHaveLength(1);
    expect((await shell.run(sshTarget(), 'echo two\n')).output).toBe('two\n');
    expect(readdirSync(join(dir, 'reuse'))).toEqual(sockets);
    await shell.close();
    expect(readdirSync(join(dir, 'reuse'))).toEqual([]);
  });

  it('refuses a host key other than the pinned one, and a host not in known_hosts', async () => {
    const [hostField] = readFileSync(sshInfo!.knownHosts, 'utf8').trim().split(/\s+/);
    // Another ed25519 key (the client key's public half) pinned for the host.
    const other = readFileSync(`${sshInfo!.key}.pub`, 'utf8').split(/\s+/).slice(0, 2).join(' ');
    writeFileSync(join(dir, 'wrong'), `${hostField} ${other}\n`);
    const wrong = opensshShell({ knownHostsFile: join(dir, 'wrong'), controlDir: join(dir, 'c1') });
    const e = await failure(wrong.run(sshTarget(), 'echo should-not-run\n'));
    expect([e.kind, e.service]).toEqual(['rejected', 'ssh']);
    expect(e.message).toMatch(/host key .* not the one pinned/);
    writeFileSync(join(dir, 'empty'), '');
    const unknown = opensshShell({ knownHostsFile: join(dir, 'empty'), controlDir: join(dir, 'c2') });
    expect((await failure(unknown.run(sshTarget(), 'true\n'))).kind).toBe('rejected');
  });

  it('reports a refused key as rejected and a closed port as unavailable', async () => {
    const stranger = opensshShell({ identityFile: join(dir, 'none'), controlDir: join(dir, 'c3') });
    writeFileSync(join(dir, 'none'), '');
    expect((await failure(stranger.run(sshTarget(), 'true\n'))).kind).toBe('rejected');
    const closed = opensshShell({ controlDir: join(dir, 'c4') });
    expect((await failure(closed.run({ ...sshTarget(), port: 9 }, 'true\n'))).kind).toBe('unavailable');
  });

  it('refuses a host or account that ssh would read as an option', async () => {
    const shell = opensshShell();
    const e = await failure(shell.run({ ...sshTarget(), host: '-oProxyCommand=touch /tmp/x' }, 'true\n'));
    expect(e.message).toContain('is not a host name');
  });

  it('a script exiting 255 is the script’s status, not a transport failure', async () => {
    expect((await opensshShell().run(sshTarget(), 'echo fine; exit 255\n')).exitCode).toBe(255);
  });

  it('renews the Kerberos ticket from the keytab with kinit -k -t before connecting', async () => {
    // Stand-in kinit/klist: record their argv and KRB5CCNAME; klist -s succeeds once kinit ran.
    const bin = join(dir, 'krb');
    const calls = join(dir, 'krb-calls');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    const stub = (name: string, body: string) => {
      writeFileSync(
        join(bin, name),
        `#!/bin/sh\necho "${name} $* KRB5CCNAME=$KRB5CCNAME" >> '${calls}'\n${body}\n`,
      );
      chmodSync(join(bin, name), 0o755);
    };
    stub('kinit', `touch '${dir}/ccache'`);
    stub('klist', `test -e '${dir}/ccache'`);
    const shell = opensshShell({
      gssapi: true,
      kerberos: {
        keytab: '/etc/poms/poms.keytab',
        principal: 'poms/launch@EXAMPLE.ORG',
        ccache: join(dir, 'ccache'),
        kinit: join(bin, 'kinit'),
        klist: join(bin, 'klist'),
      },
      controlDir: join(dir, 'c5'),
    });
    // GSSAPI is offered first; with no KDC here sshd falls back to the key.
    expect((await shell.run(sshTarget(), 'echo in\n')).output).toBe('in\n');
    expect((await shell.run(sshTarget(), 'echo again\n')).output).toBe('again\n');
    const cc = `FILE:${join(dir, 'ccache')}`;
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      `klist -s -c ${cc} KRB5CCNAME=${cc}`,
      `kinit -k -t /etc/poms/poms.keytab -c ${cc} poms/launch@EXAMPLE.ORG KRB5CCNAME=${cc}`,
      `klist -s -c ${cc} KRB5CCNAME=${cc}`,
    ]);
  });

  it('a failing kinit refuses the run with kinit’s message', async () => {
    const shell = opensshShell({
      gssapi: true,
      kerberos: {
        keytab: join(dir, 'missing.keytab'),
        principal: 'poms@EXAMPLE.ORG',
        ccache: join(dir, 'cc-none'),
        kinit: 'false',
        klist: 'false',
      },
      controlDir: join(dir, 'c6'),
    });
    const e = await failure(shell.run(sshTarget(), 'true\n'));
    expect(e.message).toMatch(/kinit for poms@EXAMPLE.ORG from keytab .*missing.keytab failed/);
    expect(existsSync(join(dir, 'c6'))).toBe(true);
  });
});

describe.skipIf(skipSsh)('a login shell on a host whose profile defines UPS-like setup', () => {
  let sshd: LoginSshd;
  const dir = mkdtempSync(join(tmpdir(), 'login-shell-'));
  const shells: OpensshShell[] = [];
  beforeAll(() => {
    sshd = startLoginSshd();
  });
  afterAll(async () => {
    await Promise.all(shells.map((s) => s.close()));
    sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const transports = (loginShell: boolean) => {
    const openssh = new OpensshShell({
      knownHostsFile: sshd.knownHosts,
      identityFile: sshd.key,
      controlDir: join(dir, `c-${loginShell}`),
      controlPersistS: 60,
      loginShell,
    });
    shells.push(openssh);
    return {
      ssh2: new Ssh2Shell({ privateKeyFile: sshd.key, knownHostsFile: sshd.knownHosts, loginShell }),
      openssh,
    };
  };
  const loginSetupText =
    'setup fife_utils v3_7_3 -q prof\nsetup poms_client v4_5\necho "have: $SETUP_FIFE_UTILS"\n';

  it.each(['ssh2', 'openssh'] as const)(
    '%s runs the login setup’s setup lines in a login shell',
    async (name) => {
      const r = await transports(true)[name].run(sshd.target, loginSetupText);
      expect(r.exitCode).toBe(0);
      expect(r.output).toContain('ups: setup fife_utils v3_7_3 -q prof\n');
      expect(r.output).toContain('have: fife_utils v3_7_3 -q prof\n');
    },
  );

  it.each(['ssh2', 'openssh'] as const)(
    '%s without a login shell has no setup (the failure at a real site)',
    async (name) => {
      const r = await transports(false)[name].run(sshd.target, 'setup fife_utils v3_7_3\n');
      expect(r.exitCode).toBe(127);
      expect(r.output).toMatch(/setup: command not found/);
    },
  );
});
