import { labTokenVerifier } from '../../adapters/lab-tokens/lab-token-verifier.js';
import type { Config } from '../../config/config-schema.js';
import { labTokenUser, type LabTokenUser } from '../../domain/identity/lab-token-user.js';
import { AppError } from '../../lib/errors.js';

export interface LabTokenIdentity extends LabTokenUser {
  issuer: string;
  subject: string | null;
  expiresAt: Date | null;
}

/** Lab bearer tokens as identities; null when `[lab_tokens] issuer` is not set (none accepted). */
export function labTokenService(config: Readonly<Config>, now?: () => Date) {
  const c = config.lab_tokens;
  if (!c.issuer) return null;
  const verifier = labTokenVerifier({
    issuer: c.issuer,
    audience: c.audience,
    jwksUrl: c.jwks_url,
    cooldownMs: c.jwks_cooldown_s * 1000,
    clockToleranceS: c.clock_tolerance_s,
    now,
  });
  return {
    /** The verified token's user, or a 401 that says why it is refused. */
    async identify(token: string): Promise<LabTokenIdentity> {
      const v = await verifier.verify(token);
      const who = labTokenUser(v.claims, {
        userClaim: c.user_claim,
        productionAccount: c.production_account,
      });
      if ('problem' in who) throw new AppError('unauthenticated', `lab token refused: ${who.problem}`);
      return { ...who, issuer: v.issuer, subject: v.subject, expiresAt: v.expiresAt };
    },
  };
}

export type LabTokenService = NonNullable<ReturnType<typeof labTokenService>>;
