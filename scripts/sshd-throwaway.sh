#!/usr/bin/env bash
# Throwaway sshd on 127.0.0.1:<free port> with temporary host and client keys, for tests.
# Usage:  eval "$(bash scripts/sshd-throwaway.sh start)"  # exports SSHTMP_DIR SSH_PORT SSH_USER SSH_KEY SSH_KNOWN_HOSTS
#         bash scripts/sshd-throwaway.sh stop "$SSHTMP_DIR"
# Remote tools for the session go in $SSHTMP_DIR/bin (first on the remote PATH), or pass EXTRA_PATH.
# SSH_HOME=dir makes it the sessions' HOME (a login shell then reads dir/.bash_profile).
# SSHD_EXTRA=lines are appended to sshd_config (e.g. GSSAPI settings; sshd inherits KRB5_* variables).
set -euo pipefail
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
case "${1:-}" in
start)
  [ -x /usr/sbin/sshd ] || { echo "sshd missing: apt-get install -y openssh-server" >&2; exit 1; }
  dir="$(mktemp -d "${TMPDIR:-/tmp}/sshtmp.XXXXXX")"; chmod 700 "$dir"; mkdir -p "$dir/bin"
  port="${SSH_PORT_WANTED:-$(free_port)}"; user="$(id -un)"
  [ "$(id -u)" = 0 ] && mkdir -p /run/sshd && chmod 755 /run/sshd
  ssh-keygen -q -t ed25519 -N '' -C host   -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C client -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"; chmod 600 "$dir/authorized_keys"
  echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_key.pub")" > "$dir/known_hosts"
  cat > "$dir/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AcceptEnv POMS_*
SetEnv PATH=$dir/bin${EXTRA_PATH:+:$EXTRA_PATH}:/usr/local/bin:/usr/bin:/bin${SSH_HOME:+ HOME=$SSH_HOME}
Subsystem sftp internal-sftp
LogLevel ERROR
${SSHD_EXTRA:-}
CFG
  /usr/sbin/sshd -t -f "$dir/sshd_config"
  /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
  for _ in $(seq 50); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
  echo "export SSHTMP_DIR='$dir' SSH_PORT='$port' SSH_USER='$user' SSH_KEY='$dir/client_key' SSH_KNOWN_HOSTS='$dir/known_hosts'"
  ;;
stop)
  dir="${2:?usage: $0 stop DIR}"
  if [ -s "$dir/sshd.pid" ]; then kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
