import * as jose from 'jose';
import { AppError } from '../../lib/errors.js';

export interface LabTokenVerifierOptions {
  issuer: string;
  audience: string[];
  /** Default: `jwks_uri` from the issuer's discovery document. */
  jwksUrl?: string;
  /** Least ms between two fetches of the key set; an unknown kid fetches again after it. */
  cooldownMs: number;
  clockToleranceS: number;
  now?: () => Date;
}

export interface VerifiedLabToken {
  claims: jose.JWTPayload;
  issuer: string;
  subject: string | null;
  expiresAt: Date | null;
}

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
const refuse = (why: string) => new AppError('unauthenticated', `lab token refused: ${why}`);
const when = (s: unknown) => (typeof s === 'number' ? new Date(s * 1000).toISOString() : 'unknown');

/**
 * Checks lab bearer JWTs: issuer first (a foreign token costs no fetch), then the signature against
 * the issuer's key set (cached by jose; a kid it does not know makes it fetch again, so rotated
 * keys are picked up), then audience and expiry. Every refusal is a 401 that says why.
 */
export function labTokenVerifier(o: LabTokenVerifierOptions) {
  let keys: Promise<ReturnType<typeof jose.createRemoteJWKSet>> | undefined;
  const keySet = () =>
    (keys ??= (async () => {
      const url = o.jwksUrl ?? (await discoverJwks(o.issuer));
      return jose.createRemoteJWKSet(new URL(url), {
        cooldownDuration: o.cooldownMs,
        cacheMaxAge: Math.max(o.cooldownMs, 10 * 60_000),
      });
    })().catch((e) => {
      keys = undefined;
      throw e;
    }));

  return {
    async verify(token: string): Promise<VerifiedLabToken> {
      let unverified: jose.JWTPayload;
      try {
        unverified = jose.decodeJwt(token);
      } catch {
        throw refuse('it is not a JWT');
      }
      if (unverified.iss !== o.issuer)
        throw refuse(
          `its issuer ${JSON.stringify(unverified.iss ?? null)} is not trusted here (this POMS trusts ${o.issuer})`,
        );
      let set;
      try {
        set = await keySet();
      } catch (e) {
        throw new AppError('unavailable', `the issuer's keys cannot be read: ${(e as Error).message}`);
      }
      try {
        const { payload } = await jose.jwtVerify(token, set, {
          issuer: o.issuer,
          audience: o.audience,
          algorithms: ALGORITHMS,
          clockTolerance: o.clockToleranceS,
          currentDate: o.now?.(),
        });
        return {
          claims: payload,
          issuer: o.issuer,
          subject: payload.sub ?? null,
          expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
        };
      } catch (e) {
        throw explain(e, unverified, o.audience, token);
      }
    },
  };
}

function explain(e: unknown, claims: jose.JWTPayload, audience: string[], token: string): AppError {
  if (e instanceof jose.errors.JWTExpired) return refuse(`it expired at ${when(claims.exp)}`);
  if (e instanceof jose.errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud')
      return refuse(
        `it is meant for ${JSON.stringify(claims.aud ?? null)}, not for this POMS (${audience.join(', ')})`,
      );
    if (e.claim === 'nbf') return refuse(`it is not valid before ${when(claims.nbf)}`);
    return refuse(`its ${e.claim} claim is not acceptable (${e.reason})`);
  }
  if (e instanceof jose.errors.JWKSNoMatchingKey)
    return refuse(
      `the issuer publishes no key ${JSON.stringify(jose.decodeProtectedHeader(token).kid ?? null)} to check its signature`,
    );
  if (e instanceof jose.errors.JWSSignatureVerificationFailed)
    return refuse("its signature does not verify with the issuer's key");
  if (e instanceof jose.errors.JOSEAlgNotAllowed)
    return refuse('it is signed with an algorithm not accepted');
  if (e instanceof jose.errors.JWKSTimeout || e instanceof jose.errors.JWKSInvalid)
    return new AppError('unavailable', `the issuer's keys cannot be read: ${(e as Error).message}`);
  if (e instanceof jose.errors.JOSEError) return refuse((e as Error).message);
  return new AppError('unavailable', `the issuer's keys cannot be read: ${(e as Error).message}`);
}

async function discoverJwks(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`${url} answered ${r.status}`);
  const doc = (await r.json()) as { jwks_uri?: unknown };
  if (typeof doc.jwks_uri !== 'string') throw new Error(`${url} names no jwks_uri`);
  return doc.jwks_uri;
}

export type LabTokenVerifier = ReturnType<typeof labTokenVerifier>;
