import net from 'node:net';
import type { Config } from './config-schema.js';
import { DEV_WEBHOOK_SECRET } from './notify-config.js';

// Who can reach this POMS and who can sign in: the checks that keep an unconfigured start from
// exposing the development sign-in (anyone may pick any user, root included, and through login
// setups run shell on launch hosts), and the one line start-up prints about it.

/** The schema's default session secret; public, so accepted only in dev mode on loopback. */
export const DEV_SESSION_SECRET = 'poms-dev-secret-change-me';
const MIN_SECRET = 32;

/** True for an address only this machine can reach (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

const devOnLoopback = (c: Config) => c.auth.mode === 'dev' && isLoopback(c.server.host);

/** Every reason this configuration must not start, each naming the setting to change. */
export function exposureProblems(c: Config): string[] {
  const out: string[] = [];
  if (c.auth.mode === 'dev' && !isLoopback(c.server.host))
    out.push(
      `[server] host: ${c.server.host} is reachable from other machines, and [auth] mode = dev lets ` +
        'anyone who reaches it sign in as any user (root included): set [auth] mode = header ' +
        '(with [auth] trusted_proxies = the sign-on proxy addresses and a long [server] session_secret), ' +
        'or leave [server] host unset to listen on 127.0.0.1 only (ini key or POMS_SERVER_HOST)',
    );
  if (
    !devOnLoopback(c) &&
    (c.server.session_secret === DEV_SESSION_SECRET || c.server.session_secret.length < MIN_SECRET)
  )
    out.push(
      `[server] session_secret: the built-in default or a secret under ${MIN_SECRET} characters is ` +
        'accepted only in dev mode on loopback; set a long random value, e.g. the output of ' +
        '`openssl rand -base64 48` (ini key or POMS_SERVER_SESSION_SECRET)',
    );
  if (c.notify.webhook_url && !c.notify.webhook_secret && !devOnLoopback(c))
    out.push(
      '[notify] webhook_secret: required with [notify] webhook_url outside dev mode on loopback (the ' +
        'HMAC key receivers check X-POMS-Signature with); set a long random value (ini key or ' +
        'POMS_NOTIFY_WEBHOOK_SECRET)',
    );
  if (c.auth.mode === 'oidc')
    for (const key of ['issuer', 'client_id', 'client_secret'] as const)
      if (!c.oidc[key])
        out.push(
          `[oidc] ${key}: required when [auth] mode = oidc (ini key or POMS_OIDC_${key.toUpperCase()})`,
        );
  if (c.auth.mode === 'oidc' && !c.oidc.redirect_url && !c.server.base_url)
    out.push(
      '[server] base_url: required when [auth] mode = oidc (the provider sends browsers back to ' +
        '<base_url>/auth/callback), or set [oidc] redirect_url',
    );
  if (c.auth.mode === 'header' && c.auth.trusted_proxies.length === 0)
    out.push(
      `[auth] trusted_proxies: required in header mode: the addresses of the sign-on proxy whose ` +
        `${c.auth.header_name} header is believed, e.g. 127.0.0.1 (ini key or POMS_AUTH_TRUSTED_PROXIES)`,
    );
  return out;
}

/** The webhook signing key: the configured one, or the public dev key in dev mode on loopback only. */
export function webhookSecret(c: Config): string | null {
  return c.notify.webhook_secret ?? (devOnLoopback(c) ? DEV_WEBHOOK_SECRET : null);
}

/** The one start-up line: where it listens, in which mode, and who can sign in. */
export function startupLine(c: Config, port: number): string {
  const host = c.server.host.includes(':') ? `[${c.server.host}]` : c.server.host;
  const reach = isLoopback(c.server.host) ? 'loopback only' : 'reachable from other machines';
  const who =
    c.auth.mode === 'dev'
      ? 'auth mode dev: anyone on this machine can sign in as any user, root included (no password)'
      : c.auth.mode === 'oidc'
        ? `auth mode oidc: users sign in at ${c.oidc.issuer}; scripts use API tokens`
        : `auth mode header: users are who the sign-on proxy (${c.auth.trusted_proxies.join(', ')}) ` +
          `names in ${c.auth.header_name}; scripts use API tokens`;
  return `POMS listening on http://${host}:${port} (${reach}); ${who}`;
}
