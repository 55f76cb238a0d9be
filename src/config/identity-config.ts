import * as z from 'zod';
import { bool, emptyToUndefined, list, optionalText, optionalUrl, seconds } from './config-values.js';

// Who a request is: sign-in ([auth], [oidc]), the lab's bearer tokens and the lab's user registry.

export const authSection = z.object({
  mode: z.enum(['dev', 'header', 'oidc']).default('dev'),
  header_name: z.string().default('X-Remote-User'),
  // No default: in header mode the proxy's addresses must be configured (config/exposure.ts).
  trusted_proxies: list.default([]),
  dev_default_user: z.preprocess(emptyToUndefined, z.string().optional()),
});

// Sign-in at the site's OpenID Connect provider (`[auth] mode = oidc`): authorization code + PKCE.
export const oidcSection = z.object({
  issuer: optionalUrl,
  client_id: optionalText,
  /** Required in oidc mode: there is no default secret. */
  client_secret: optionalText,
  scopes: z.string().default('openid profile email'),
  /** The ID token / userinfo claim that is the POMS username. */
  user_claim: z.string().default('preferred_username'),
  /** Optional claim listing the user's groups (shown on the profile page). */
  groups_claim: optionalText,
  /** Where the provider sends the browser back; default `<[server] base_url>/auth/callback`. */
  redirect_url: optionalUrl,
});

// Bearer JWTs from the lab's token issuer (SciTokens / WLCG tokens) on the API and compat routes,
// beside POMS's own tokens. Nothing is trusted until issuer and audience are set.
export const labTokensSection = z
  .object({
    /** The issuer (`iss`) trusted, e.g. https://cilogon.org/fermilab. */
    issuer: optionalUrl,
    /** Its key set; default: `jwks_uri` from the issuer's /.well-known/openid-configuration. */
    jwks_url: optionalUrl,
    /** `aud` values meant for this POMS (a token for any of them is accepted). */
    audience: list.default([]),
    /** Claim naming the POMS user; without it (or when the token lacks it) the storage scope decides. */
    user_claim: optionalText,
    /** The account `storage.create:/<exp>/` acts as. */
    production_account: z
      .string()
      .refine((s) => s.includes('{experiment}'), 'must contain {experiment}')
      .default('{experiment}pro'),
    /** Least time between two fetches of the key set (a token with an unknown kid asks again). */
    jwks_cooldown_s: z.coerce.number().min(0).default(30),
    /** Leeway on exp/nbf/iat for clocks that differ. */
    clock_tolerance_s: z.coerce.number().min(0).max(300).default(30),
  })
  .refine((t) => !t.issuer || t.audience.length > 0, {
    message: 'an issuer needs an audience: the aud values of tokens meant for this POMS',
    path: ['audience'],
  });

// Users and memberships from the lab's registry (FERRY). Off unless configured.
export const registrySection = z
  .object({
    /** off; real (FERRY at `url`); sim (the simulator's FERRY). */
    mode: z.enum(['off', 'real', 'sim']).default('off'),
    /** FERRY's base URL, e.g. https://ferry.fnal.gov:8445. */
    url: optionalUrl,
    /** PEM client certificate FERRY knows POMS by (an X.509 proxy holds the key too). */
    cert: optionalText,
    key: optionalText,
    /** PEM CA bundle of FERRY's certificate. */
    ca: optionalText,
    verify_tls: bool.default(true),
    /** Experiments to synchronise; default every active experiment. */
    experiments: list.default([]),
    /** Pause between syncs. */
    sync_s: seconds.default(3600),
    timeout_s: seconds.default(30),
    /** A first sign-in (SSO header, OIDC, lab token) of someone the registry knows creates them. */
    create_on_sign_in: bool.default(true),
  })
  .refine((r) => r.mode !== 'real' || !!r.url, {
    message: 'mode = real needs the registry url',
    path: ['url'],
  });
