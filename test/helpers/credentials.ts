import fs from 'node:fs';
import path from 'node:path';

/** A bearer token as htgettoken writes it (a JWT), expiring at `exp` (unsigned: POMS only reads exp). */
export function jwt(exp: Date, claims: Record<string, unknown> = {}): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const payload = {
    sub: 'someone',
    iss: 'https://cilogon.org/fermilab',
    ...claims,
    exp: Math.floor(exp.getTime() / 1000),
  };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2lnbmF0dXJl\n`;
}

/** A proxy-like PEM (certificate then key) whose certificate ends 2036-12-03T07:50:18Z. */
export const PROXY_PEM = fs.readFileSync(path.resolve('test/fixtures/credentials/proxy-2036.pem'), 'utf8');
export const PROXY_END = new Date('2036-12-03T07:50:18Z');

/** An opaque vault token (hvs.…): no expiry inside. */
export const VAULT_TOKEN = 'hvs.CAESIJ3uQx7_example_vault_token_for_tests\n';
