import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';

type Key = { kid: string; privateKey: CryptoKey; jwk: jose.JWK };

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await jose.exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface LabIssuer {
  /** The issuer URL (iss), which also serves its discovery document and key set. */
  url: string;
  /** How many times the key set was fetched. */
  jwksFetches(): number;
  /** A token signed with the current key (or `key: 'stranger'`: same kid, another key). */
  mint(
    claims: jose.JWTPayload,
    o?: { expiresIn?: string | number; key?: 'current' | 'stranger' },
  ): Promise<string>;
  /** A new signing key; the key set then publishes only it. */
  rotate(): Promise<void>;
  close(): Promise<void>;
}

/** A lab token issuer on loopback: keys made here, /.well-known/openid-configuration and /jwks. */
export async function startLabIssuer(): Promise<LabIssuer> {
  let key = await newKey('k1');
  const stranger = await newKey('k1');
  let fetches = 0;
  let n = 1;
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration')
      return res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    if (req.url === '/jwks') {
      fetches += 1;
      return res.end(JSON.stringify({ keys: [key.jwk] }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    jwksFetches: () => fetches,
    async mint(claims, o = {}) {
      const k = o.key === 'stranger' ? stranger : key;
      return new jose.SignJWT({ iss: url, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: k.kid, typ: 'JWT' })
        .setIssuedAt()
        .setExpirationTime(o.expiresIn ?? '1h')
        .sign(k.privateKey);
    },
    async rotate() {
      n += 1;
      key = await newKey(`k${n}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}
