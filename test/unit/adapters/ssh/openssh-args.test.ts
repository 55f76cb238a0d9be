import { describe, expect, it } from 'vitest';
import {
  classifySshFailure,
  kinitArgs,
  opensshArgs,
  remoteCommand,
} from '../../../../src/adapters/ssh/index.js';
import { checkTarget, opensshExitArgs } from '../../../../src/adapters/ssh/openssh-args.js';

const target = { host: 'fermicloud01.fnal.gov', account: 'mu2epro', port: 22 };
const base = { knownHostsFile: '/etc/poms/known_hosts', controlDir: '/var/poms/ctl', controlPersistS: 600 };
const opt = (args: string[], key: string) =>
  args.flatMap((a, i) => (args[i - 1] === '-o' && a.startsWith(`${key}=`) ? [a.slice(key.length + 1)] : []));

describe('opensshArgs', () => {
  it('never prompts, checks the host key strictly against our file only, and shares a master', () => {
    const args = opensshArgs({ ...base, gssapi: true }, target, remoteCommand(true));
    expect(args.slice(0, 2)).toEqual(['-F', 'none']);
    expect(opt(args, 'BatchMode')).toEqual(['yes']);
    expect(opt(args, 'StrictHostKeyChecking')).toEqual(['yes']);
    expect(opt(args, 'UserKnownHostsFile')).toEqual(['/etc/poms/known_hosts']);
    expect(opt(args, 'GlobalKnownHostsFile')).toEqual(['/dev/null']);
    expect(opt(args, 'ControlMaster')).toEqual(['auto']);
    expect(opt(args, 'ControlPath')).toEqual(['/var/poms/ctl/%C']);
    expect(opt(args, 'ControlPersist')).toEqual(['600s']);
    expect(opt(args, 'GSSAPIAuthentication')).toEqual(['yes']);
    expect(opt(args, 'GSSAPIDelegateCredentials')).toEqual(['no']);
    expect(opt(args, 'PreferredAuthentications')).toEqual(['gssapi-with-mic']);
    expect(opt(args, 'PubkeyAuthentication')).toEqual(['no']);
    expect(args.slice(-7)).toEqual([
      '-p',
      '22',
      '-l',
      'mu2epro',
      '--',
      'fermicloud01.fnal.gov',
      'exec bash -l -s',
    ]);
  });

  it('offers only the configured key when there is one', () => {
    const args = opensshArgs({ ...base, identityFile: '/k/id' }, target, 'exec bash -s');
    expect(opt(args, 'GSSAPIAuthentication')).toEqual(['no']);
    expect(opt(args, 'IdentitiesOnly')).toEqual(['yes']);
    expect(args[args.indexOf('-i') + 1]).toBe('/k/id');
    expect(opt(args, 'PreferredAuthentications')).toEqual(['publickey']);
    expect(args.at(-1)).toBe('exec bash -s');
  });

  it('asks the master to exit with the same connection settings', () => {
    const args = opensshExitArgs(base, target);
    expect(args.slice(-6)).toEqual(['-l', 'mu2epro', '-O', 'exit', '--', 'fermicloud01.fnal.gov']);
  });

  it('refuses hosts and accounts ssh could read as options', () => {
    expect(checkTarget(target)).toBeNull();
    expect(checkTarget({ ...target, host: '-oProxyCommand=x' })).toMatch(/not a host name/);
    expect(checkTarget({ ...target, host: 'a b' })).toMatch(/not a host name/);
    expect(checkTarget({ ...target, account: '-l' })).toMatch(/not an account name/);
  });
});

describe('classifySshFailure', () => {
  const c = (stderr: string) => classifySshFailure(stderr, target, '/kh')?.kind ?? null;
  it('tells ssh’s own failures from a script that exited 255', () => {
    expect(c('Host key verification failed.\n')).toBe('rejected');
    expect(
      c(
        'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\nHost key verification failed.\n',
      ),
    ).toBe('rejected');
    expect(c('mu2epro@fermicloud01.fnal.gov: Permission denied (gssapi-with-mic).\n')).toBe('rejected');
    expect(c('ssh: connect to host fermicloud01.fnal.gov port 22: Connection refused\n')).toBe('unavailable');
    expect(c('ssh: connect to host x port 22: Connection timed out\n')).toBe('timeout');
    expect(c('ssh: Could not resolve hostname nohost: Name or service not known\n')).toBe('unavailable');
    expect(c('my script failed\n')).toBeNull();
    expect(c('')).toBeNull();
  });
});

describe('kinit', () => {
  it('gets the ticket from the keytab into POMS’s own ccache', () => {
    expect(
      kinitArgs({ keytab: '/etc/poms.keytab', principal: 'poms@FNAL.GOV', ccache: '/var/poms/cc' }),
    ).toEqual(['-k', '-t', '/etc/poms.keytab', '-c', 'FILE:/var/poms/cc', 'poms@FNAL.GOV']);
    expect(kinitArgs({ keytab: 'k', principal: 'p', ccache: 'KEYRING:persistent:1' })[4]).toBe(
      'KEYRING:persistent:1',
    );
  });
});
