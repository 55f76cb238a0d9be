import { X509Certificate } from 'node:crypto';

// When a credential file stops working, read from its content: a bearer token (JWT) by its `exp`
// claim, an X.509 proxy by the earliest notAfter of the certificates in it (a proxy ends with the
// chain). A vault token (`hvs.…`) carries no expiry: the caller dates it from its upload.

export type CredentialKind = 'jwt' | 'x509' | 'opaque';

export interface CredentialExpiry {
  kind: CredentialKind;
  /** null when the content does not say (opaque), or cannot be read (then `unreadable`). */
  expiresAt: Date | null;
  unreadable?: string;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function jwtExpiry(text: string): CredentialExpiry | null {
  const parts = text.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof payload.exp !== 'number') return { kind: 'jwt', expiresAt: null, unreadable: 'no exp claim' };
    return { kind: 'jwt', expiresAt: new Date(payload.exp * 1000) };
  } catch {
    return null;
  }
}

function x509Expiry(text: string): CredentialExpiry | null {
  const certs = text.match(PEM_CERT);
  if (!certs) return null;
  try {
    const ends = certs.map((pem) => new Date(new X509Certificate(pem).validTo).getTime());
    return { kind: 'x509', expiresAt: new Date(Math.min(...ends)) };
  } catch (e) {
    return { kind: 'x509', expiresAt: null, unreadable: (e as Error).message };
  }
}

export function credentialExpiry(content: Uint8Array | string): CredentialExpiry {
  const text = (typeof content === 'string' ? content : Buffer.from(content).toString('utf8')).trim();
  return x509Expiry(text) ?? jwtExpiry(text) ?? { kind: 'opaque', expiresAt: null };
}
