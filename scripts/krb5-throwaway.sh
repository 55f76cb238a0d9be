#!/usr/bin/env bash
# Throwaway Kerberos realm POMS.TEST on 127.0.0.1:<free port>, for tests of GSSAPI logins.
# Usage:  eval "$(bash scripts/krb5-throwaway.sh start)"  # exports KRBTMP_DIR KRB5_CONFIG KRB_HOST_KEYTAB KRB_USER_KEYTAB KRB_PRINCIPAL
#         bash scripts/krb5-throwaway.sh stop "$KRBTMP_DIR"
# Needs Debian's krb5-kdc and krb5-user (kdb5_util, kadmin.local, krb5kdc, kinit).
set -euo pipefail
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
case "${1:-}" in
start)
  for b in /usr/sbin/krb5kdc /usr/sbin/kdb5_util /usr/sbin/kadmin.local; do
    [ -x "$b" ] || { echo "$b missing: apt-get install -y krb5-kdc krb5-admin-server krb5-user" >&2; exit 1; }
  done
  dir="$(mktemp -d "${TMPDIR:-/tmp}/krbtmp.XXXXXX")"; chmod 700 "$dir"
  port="$(free_port)"; user="$(id -un)"; realm=POMS.TEST
  cat > "$dir/krb5.conf" <<CFG
[libdefaults]
  default_realm = $realm
  dns_lookup_kdc = false
  dns_lookup_realm = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1
[realms]
  $realm = {
    kdc = 127.0.0.1:$port
  }
[domain_realm]
  localhost = $realm
CFG
  cat > "$dir/kdc.conf" <<CFG
[kdcdefaults]
  kdc_ports = $port
  kdc_tcp_ports = $port
[realms]
  $realm = {
    database_name = $dir/principal
    key_stash_file = $dir/stash
    acl_file = $dir/kadm5.acl
    kdc_ports = $port
    kdc_tcp_ports = $port
  }
[logging]
  kdc = FILE:$dir/kdc.log
CFG
  : > "$dir/kadm5.acl"
  export KRB5_CONFIG="$dir/krb5.conf" KRB5_KDC_PROFILE="$dir/kdc.conf"
  /usr/sbin/kdb5_util create -s -r "$realm" -P "throwaway-$RANDOM-$RANDOM" >/dev/null
  /usr/sbin/kadmin.local -q "addprinc -randkey host/localhost@$realm" >/dev/null 2>&1
  /usr/sbin/kadmin.local -q "addprinc -randkey $user@$realm" >/dev/null 2>&1
  /usr/sbin/kadmin.local -q "ktadd -k $dir/host.keytab host/localhost@$realm" >/dev/null 2>&1
  /usr/sbin/kadmin.local -q "ktadd -k $dir/poms.keytab $user@$realm" >/dev/null 2>&1
  /usr/sbin/krb5kdc -P "$dir/kdc.pid" -r "$realm"
  for _ in $(seq 50); do [ -s "$dir/kdc.pid" ] && break; sleep 0.1; done
  echo "export KRBTMP_DIR='$dir' KRB5_CONFIG='$dir/krb5.conf' KRB_HOST_KEYTAB='$dir/host.keytab' KRB_USER_KEYTAB='$dir/poms.keytab' KRB_PRINCIPAL='$user@$realm'"
  ;;
stop)
  dir="${2:?usage: $0 stop DIR}"
  if [ -s "$dir/kdc.pid" ]; then kill "$(cat "$dir/kdc.pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
