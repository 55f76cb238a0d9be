import { describeTarget, type ShellTarget } from './remote-shell.js';

export interface OpensshArgsOptions {
  /** known_hosts holding the pinned host keys; nothing else is trusted (StrictHostKeyChecking). */
  knownHostsFile: string;
  /** Private key for public-key authentication; without it only GSSAPI is offered. */
  identityFile?: string;
  /** Offer GSSAPI (Kerberos) authentication with the ticket in KRB5CCNAME. */
  gssapi?: boolean;
  /** Directory of the ControlMaster sockets (private to POMS's account). */
  controlDir: string;
  /** Seconds an idle master connection stays open for the next run. */
  controlPersistS: number;
  connectTimeoutMs?: number;
  /** ssh_config file to read; `none` (the default) reads none, so every setting is here. */
  configFile?: string;
}

// Host names and accounts as a login setup may hold them: never an option (`-oProxyCommand=…`),
// never a blank or shell character (they become ssh arguments, not shell text, but are logged).
const HOST = /^(?!-)[A-Za-z0-9._:-]+$/;
const ACCOUNT = /^(?!-)[A-Za-z0-9._-]+$/;

/** Refuses a target ssh would read as something else than a host and a user name. */
export function checkTarget(t: ShellTarget): string | null {
  if (!HOST.test(t.host)) return `launch host ${JSON.stringify(t.host)} is not a host name`;
  if (!ACCOUNT.test(t.account)) return `launch account ${JSON.stringify(t.account)} is not an account name`;
  return null;
}

/**
 * argv of the system `ssh` for one run of `command` on `target`: batch mode (never a prompt), host
 * key checked strictly against our known_hosts only, the connection shared through a ControlMaster
 * socket in `controlDir` (`%C`: a hash of host, port and user, short enough for a socket path).
 */
export function opensshArgs(o: OpensshArgsOptions, target: ShellTarget, command: string): string[] {
  const opt = (k: string, v: string | number) => ['-o', `${k}=${v}`];
  const auth = [o.gssapi ? 'gssapi-with-mic' : '', o.identityFile ? 'publickey' : ''].filter(Boolean);
  return [
    '-F',
    o.configFile ?? 'none',
    '-T',
    '-x',
    '-a',
    ...opt('BatchMode', 'yes'),
    ...opt('StrictHostKeyChecking', 'yes'),
    ...opt('UserKnownHostsFile', o.knownHostsFile),
    ...opt('GlobalKnownHostsFile', '/dev/null'),
    ...opt('UpdateHostKeys', 'no'),
    ...opt('ControlMaster', 'auto'),
    ...opt('ControlPath', `${o.controlDir}/%C`),
    ...opt('ControlPersist', `${Math.max(1, Math.round(o.controlPersistS))}s`),
    ...opt('ConnectTimeout', Math.max(1, Math.ceil((o.connectTimeoutMs ?? 20_000) / 1000))),
    ...opt('ServerAliveInterval', 15),
    ...opt('ServerAliveCountMax', 4),
    ...opt('LogLevel', 'ERROR'),
    ...opt('PasswordAuthentication', 'no'),
    ...opt('KbdInteractiveAuthentication', 'no'),
    ...opt('GSSAPIAuthentication', o.gssapi ? 'yes' : 'no'),
    ...opt('GSSAPIDelegateCredentials', 'no'),
    ...opt('PubkeyAuthentication', o.identityFile ? 'yes' : 'no'),
    ...(o.identityFile ? [...opt('IdentitiesOnly', 'yes'), '-i', o.identityFile] : []),
    ...(auth.length ? opt('PreferredAuthentications', auth.join(',')) : []),
    '-p',
    String(target.port ?? 22),
    '-l',
    target.account,
    '--',
    target.host,
    command,
  ];
}

/** The arguments that ask the master connection for `target` to exit (shutdown, tests). */
export function opensshExitArgs(o: OpensshArgsOptions, target: ShellTarget): string[] {
  const args = opensshArgs(o, target, '');
  args.splice(args.indexOf('--'), 0, '-O', 'exit');
  return args.slice(0, -1);
}

/**
 * What an ssh exit status 255 with this stderr means: a transport failure (kind and message), or
 * null when nothing in it is ssh's own (then the remote script itself exited 255).
 */
export function classifySshFailure(
  stderr: string,
  target: ShellTarget,
  knownHostsFile: string,
): { kind: 'rejected' | 'timeout' | 'unavailable'; message: string } | null {
  const who = describeTarget(target);
  const line = stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
  if (/Host key verification failed|host key for .* has changed|No \S+ host key is known/i.test(stderr))
    return {
      kind: 'rejected',
      message: `host key of ${who} is not the one pinned in ${knownHostsFile}: ${line}`,
    };
  if (/Permission denied/i.test(stderr))
    return { kind: 'rejected', message: `${who} refused our credentials: ${line}` };
  if (/timed out/i.test(stderr))
    return { kind: 'timeout', message: `no SSH session with ${who} in time: ${line}` };
  if (
    /^ssh: |Connection refused|Could not resolve|No route to host|Connection closed by|kex_exchange|Control ?(socket|Path)|mux_client/im.test(
      stderr,
    )
  )
    return { kind: 'unavailable', message: `cannot connect to ${who}: ${line}` };
  return null;
}
