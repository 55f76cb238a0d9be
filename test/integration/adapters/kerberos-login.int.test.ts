import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../src/adapters/adapter-error.js';
import { OpensshShell } from '../../../src/adapters/ssh/index.js';
import { skipSsh } from './ssh-fixture.js';

// A Kerberos realm on loopback (Debian's krb5-kdc, scripts/krb5-throwaway.sh) and an sshd that
// accepts GSSAPI only: POMS gets its ticket from a keytab with kinit and logs in with it, as at
// Fermilab. Outside CI, skipped where krb5-kdc is not installed (scripts/ensure-system-deps.sh
// installs krb5-kdc krb5-admin-server krb5-user); with CI=true it must run.
const haveKdc = existsSync('/usr/sbin/krb5kdc') && existsSync('/usr/sbin/kadmin.local');
const exportsOf = (out: string) =>
  Object.fromEntries([...out.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));

describe.skipIf((skipSsh || !haveKdc) && process.env.CI !== 'true')(
  'a GSSAPI login with a ticket from the service keytab',
  () => {
    let krb: Record<string, string>;
    let sshd: Record<string, string>;
    let knownHosts: string;
    const shells: OpensshShell[] = [];
    const shell = (kerberos: boolean, ccache = 'cc') => {
      const s = new OpensshShell({
        knownHostsFile: knownHosts,
        gssapi: true,
        kerberos: {
          ccache: join(krb.KRBTMP_DIR, ccache),
          krb5Config: krb.KRB5_CONFIG,
          ...(kerberos ? { keytab: krb.KRB_USER_KEYTAB, principal: krb.KRB_PRINCIPAL } : {}),
        },
        controlDir: join(krb.KRBTMP_DIR, `control-${shells.length}`),
        controlPersistS: 30,
        loginShell: true,
      });
      shells.push(s);
      return s;
    };
    const target = () => ({ host: 'localhost', port: Number(sshd.SSH_PORT), account: sshd.SSH_USER });

    beforeAll(() => {
      krb = exportsOf(execFileSync('bash', ['scripts/krb5-throwaway.sh', 'start'], { encoding: 'utf8' }));
      sshd = exportsOf(
        execFileSync('bash', ['scripts/sshd-throwaway.sh', 'start'], {
          encoding: 'utf8',
          env: {
            ...process.env,
            KRB5_CONFIG: krb.KRB5_CONFIG,
            KRB5_KTNAME: `FILE:${krb.KRB_HOST_KEYTAB}`,
            SSHD_EXTRA:
              'GSSAPIAuthentication yes\nGSSAPIStrictAcceptorCheck no\nAuthenticationMethods gssapi-with-mic',
          },
        }),
      );
      // The host is reached by the name its principal has (host/localhost).
      knownHosts = join(sshd.SSHTMP_DIR, 'known_hosts_localhost');
      writeFileSync(
        knownHosts,
        readFileSync(sshd.SSH_KNOWN_HOSTS, 'utf8').replace(/^\[127\.0\.0\.1\]/, '[localhost]'),
      );
    });
    afterAll(async () => {
      await Promise.all(shells.map((s) => s.close()));
      if (sshd) execFileSync('bash', ['scripts/sshd-throwaway.sh', 'stop', sshd.SSHTMP_DIR]);
      if (krb) execFileSync('bash', ['scripts/krb5-throwaway.sh', 'stop', krb.KRBTMP_DIR]);
    });

    it('kinit from the keytab, then ssh logs in by GSSAPI (the sshd accepts nothing else)', async () => {
      const r = await shell(true).run(target(), 'echo "in as $(id -un)"\n');
      expect(r).toMatchObject({ exitCode: 0, output: `in as ${sshd.SSH_USER}\n` });
      expect(existsSync(join(krb.KRBTMP_DIR, 'cc'))).toBe(true);
    });

    it('without a ticket the login is refused', async () => {
      const e = await shell(false, 'no-ticket')
        .run(target(), 'true\n')
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AdapterError);
      expect((e as AdapterError).kind).toBe('rejected');
      expect((e as AdapterError).message).toMatch(/Permission denied \(gssapi-with-mic\)/);
    });
  },
);
