import * as oidc from 'openid-client';
import type { Config } from '../../config/config-schema.js';
import { isLoopback } from '../../config/exposure.js';
import { AppError } from '../../lib/errors.js';

/** What the browser's session keeps between the redirect to the provider and its return. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  nonce: string;
  returnTo?: string;
}

export interface OidcIdentity {
  username: string;
  groups: string[];
  idToken: string | undefined;
}

const refused = (why: string) => new AppError('unauthenticated', `sign-in refused: ${why}`);

/**
 * Sign-in at the site's OpenID Connect provider: authorization code flow with PKCE (S256), state
 * and nonce; the username from `[oidc] user_claim` of the ID token (or userinfo). The provider's
 * metadata is discovered once and kept (again after a failure). Plain http only for a provider on
 * loopback (tests, a local provider).
 */
export function oidcSignIn(config: Readonly<Config>) {
  const o = config.oidc;
  if (config.auth.mode !== 'oidc' || !o.issuer || !o.client_id || !o.client_secret) return null;
  const issuer = new URL(o.issuer);
  const redirectUri = o.redirect_url ?? `${config.server.base_url!.replace(/\/$/, '')}/auth/callback`;
  let discovered: Promise<oidc.Configuration> | undefined;
  const provider = () =>
    (discovered ??= oidc
      .discovery(issuer, o.client_id!, o.client_secret!, undefined, {
        execute:
          issuer.protocol === 'http:' && isLoopback(issuer.hostname) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((e: Error) => {
        discovered = undefined;
        throw new AppError('unavailable', `the sign-in provider ${o.issuer} does not answer: ${e.message}`);
      }));

  return {
    /** The provider's authorization URL and what the session must keep until the browser returns. */
    async start(returnTo?: string): Promise<{ url: string; pending: PendingSignIn }> {
      const c = await provider();
      const verifier = oidc.randomPKCECodeVerifier();
      const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, returnTo };
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: o.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    /** The user of the browser's return to the callback; a 401 saying why it is refused. */
    async finish(callbackUrl: URL, pending: PendingSignIn | undefined): Promise<OidcIdentity> {
      if (!pending) throw refused('this sign-in was not started here or has expired: sign in again');
      const c = await provider();
      const err = callbackUrl.searchParams.get('error');
      if (err)
        throw refused(
          `the provider answered ${err}: ${callbackUrl.searchParams.get('error_description') ?? ''}`,
        );
      let tokens;
      try {
        tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (e) {
        throw refused(explain(e));
      }
      let claims: Record<string, unknown> = tokens.claims() ?? {};
      if (claims[o.user_claim] === undefined && tokens.access_token) {
        const sub = typeof claims.sub === 'string' ? claims.sub : oidc.skipSubjectCheck;
        claims = { ...claims, ...(await oidc.fetchUserInfo(c, tokens.access_token, sub)) };
      }
      const username = claims[o.user_claim];
      if (typeof username !== 'string' || !username)
        throw refused(`the provider sent no ${o.user_claim} claim to name the user`);
      const g = o.groups_claim ? claims[o.groups_claim] : undefined;
      const groups = Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : [];
      return { username, groups, idToken: tokens.id_token };
    },

    /** Where to send the browser to sign out at the provider too (null: it has no end_session). */
    async endSessionUrl(idToken: string | undefined, after: string): Promise<string | null> {
      const c = await provider();
      if (!c.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(c, {
        post_logout_redirect_uri: after,
        client_id: o.client_id!,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    },
  };
}

function explain(e: unknown): string {
  const x = e as Error & { error?: string; error_description?: string; cause?: unknown };
  if (x.error === 'invalid_grant')
    return 'the provider refused the sign-in code (invalid_grant: expired or already used): sign in again';
  if (x.error) return `${x.error}${x.error_description ? ` (${x.error_description})` : ''}`;
  // openid-client wraps the check that failed (e.g. `unexpected "state" response parameter value`).
  const why = [x.message];
  for (let c = x.cause as (Error & { cause?: unknown }) | undefined; c instanceof Error; c = c.cause as never)
    why.push(c.message);
  const all = why.join(': ');
  return /"state"/.test(all) ? `the state does not belong to this sign-in (${all}): sign in again` : all;
}

export type OidcSignIn = NonNullable<ReturnType<typeof oidcSignIn>>;
