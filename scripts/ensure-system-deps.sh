#!/usr/bin/env bash
# Installs what the integration and browser suites need from Debian when it is missing:
# a PostgreSQL server, an OpenSSH server, Chromium, a Kerberos KDC (the GSSAPI login test). Needs root (or passwordless sudo) and apt-get.
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/krb5kdc ] && [ -x /usr/sbin/kadmin.local ] && command -v kinit >/dev/null ||
  need+=(krb5-kdc krb5-admin-server krb5-user)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing: ${need[*]}" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "missing ${need[*]} and not root: install them (apt-get install ${need[*]}) or run as root" >&2
    exit 1
  fi
fi
command -v apt-get >/dev/null || { echo "missing ${need[*]} and no apt-get here" >&2; exit 1; }
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts no services inside containers; our tests start their own throwaway instances.
