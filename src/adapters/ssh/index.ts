// Running scripts on launch hosts: the RemoteShell port, SSH (ssh2) and local implementations.
export { connectSsh, type SshCredentials } from './connect-ssh.js';
export { createRemoteShell, LOCAL_HOSTS, type RemoteShellConfig } from './create-remote-shell.js';
export { hostKeysFor, knownHostName, parseKnownHosts, type KnownHostLine } from './known-hosts.js';
export { ccacheName, KerberosTicket, kinitArgs, type KerberosOptions } from './kerberos-ticket.js';
export { classifySshFailure, opensshArgs, type OpensshArgsOptions } from './openssh-args.js';
export { OpensshShell, type OpensshShellOptions } from './openssh-shell.js';
export { remoteCommand } from './remote-command.js';
export { LocalShell, type LocalShellOptions } from './local-shell.js';
export { MAX_OUTPUT_CHARS } from './output-collector.js';
export {
  describeTarget,
  killScript,
  type RemoteShell,
  type RunOptions,
  type RunResult,
  type ShellTarget,
} from './remote-shell.js';
export { withPreamble, type ScriptEnvironment } from './script-preamble.js';
export { REMOTE_COMMAND, Ssh2Shell, type Ssh2ShellOptions } from './ssh2-shell.js';
