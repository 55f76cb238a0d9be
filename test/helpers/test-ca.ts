import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A throwaway certificate authority made with openssl in a temporary directory: a server
// certificate for 127.0.0.1 and client certificates, all PEM files (EC P-256, valid one day).

export interface TestCa {
  dir: string;
  /** CA certificate file. */
  ca: string;
  /** Server certificate and key files (subjectAltName IP:127.0.0.1). */
  serverCert: string;
  serverKey: string;
  /** A client certificate signed by this CA: its cert file, key file, and both in one (a proxy). */
  client(name: string): { cert: string; key: string; proxy: string };
  remove(): void;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeTestCa(label = 'POMS Test CA'): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-test-ca-'));
  openssl(dir, [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    `/CN=${label}`,
  ]);
  const sign = (name: string, subject: string, ext: string) => {
    fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
    openssl(dir, ['req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    openssl(dir, [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
    ]);
  };
  sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const file = (f: string) => path.join(dir, f);
  return {
    dir,
    ca: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server.key'),
    client(name) {
      sign(name, `/DC=org/DC=example/CN=${name}`, 'extendedKeyUsage=clientAuth\n');
      const proxy = file(`${name}.proxy`);
      fs.writeFileSync(
        proxy,
        fs.readFileSync(file(`${name}.pem`), 'utf8') + fs.readFileSync(file(`${name}.key`), 'utf8'),
      );
      return { cert: file(`${name}.pem`), key: file(`${name}.key`), proxy };
    },
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
