/**
 * The command sshd runs for every script. `exec` makes bash the process sshd started, the leader of
 * a new session and process group, so the script's `$$` is a process group id for `kill -9 -$$`.
 * A login shell (`-l`) reads /etc/profile and ~/.bash_profile (or ~/.profile) first, as a person's
 * ssh session does: Fermilab launch hosts define UPS's `setup` and Spack there, and the login setup
 * text needs them. Without it (the default of the ssh2 transport), like POMS's `ssh host 'script'`.
 */
export function remoteCommand(loginShell = false): string {
  return loginShell ? 'exec bash -l -s' : 'exec bash -s';
}
