import { credentialExpiry } from './credential-expiry.js';
import type { HeldFile } from './credential-plan.js';

/** A credential worth telling someone about: it expires (or expired) within the warning window. */
export interface ExpiringCredential {
  /** What it is, e.g. "production token". */
  what: string;
  name: string;
  expiresAt: Date;
  /** Seconds left; ≤ 0 when already expired. */
  leftS: number;
}

/**
 * Of the credentials a site keeps for launches, those ending within `warnS` of `now`: by their
 * content (JWT `exp`, the proxy's earliest notAfter), or, for an opaque vault token, `maxAgeS`
 * after it was stored (as the launch check dates it). Unreadable ones are the launch check's to
 * refuse; they are not "about to expire".
 */
export function expiringCredentials(
  files: ReadonlyArray<{ what: string; file: HeldFile }>,
  now: Date,
  warnS: number,
  maxAgeS: number,
): ExpiringCredential[] {
  const out: ExpiringCredential[] = [];
  for (const { what, file } of files) {
    const e = credentialExpiry(file.bytes);
    const expiresAt = e.kind === 'opaque' ? new Date(file.storedAt.getTime() + maxAgeS * 1000) : e.expiresAt;
    if (!expiresAt) continue;
    const leftS = Math.floor((expiresAt.getTime() - now.getTime()) / 1000);
    if (leftS < warnS) out.push({ what, name: file.name, expiresAt, leftS });
  }
  return out.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
}
