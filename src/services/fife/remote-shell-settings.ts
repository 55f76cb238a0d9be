import type { RemoteShellConfig } from '../../adapters/ssh/create-remote-shell.js';
import type { Config } from '../../config/config-schema.js';

/**
 * The SSH transports from `[jobsub]` (key, known_hosts, connect timeout) and `[ssh]` (which
 * transport, login shell, Kerberos, connection reuse). The built-in ssh2 client needs a key; the
 * system ssh needs known_hosts and a key or GSSAPI.
 */
export function remoteShellSettings(
  config: Readonly<Config>,
  env?: Readonly<Record<string, string>>,
): Omit<RemoteShellConfig, 'local'> {
  const { ssh_key: key, known_hosts: knownHosts, connect_timeout_s } = config.jobsub;
  const s = config.ssh;
  const common = {
    connectTimeoutMs: connect_timeout_s * 1000,
    loginShell: s.login_shell,
    ...(env ? { env } : {}),
  };
  const kerberos = s.gssapi
    ? {
        ...(s.keytab && s.principal ? { keytab: s.keytab, principal: s.principal } : {}),
        ccache: s.ccache,
        kinit: s.kinit,
        klist: s.klist,
        ...(s.krb5_config ? { krb5Config: s.krb5_config } : {}),
      }
    : undefined;
  return {
    transport: s.transport,
    opensshHosts: s.openssh_hosts,
    ssh: key && knownHosts ? { privateKeyFile: key, knownHostsFile: knownHosts, ...common } : undefined,
    openssh:
      knownHosts && (key || s.gssapi)
        ? {
            ...common,
            knownHostsFile: knownHosts,
            ...(key ? { identityFile: key } : {}),
            gssapi: s.gssapi,
            ...(kerberos ? { kerberos } : {}),
            ssh: s.binary,
            configFile: s.config_file,
            controlDir: s.control_dir,
            controlPersistS: s.control_persist_s,
          }
        : undefined,
  };
}
