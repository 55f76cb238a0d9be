import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as AddressInfo;
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** oidc-provider's storage, in memory, with a hand on authorization codes (to expire them). */
class MemoryAdapter {
  static store = new Map<string, Record<string, unknown>>();
  constructor(private readonly model: string) {}
  private key = (id: string) => `${this.model}:${id}`;
  async upsert(id: string, payload: Record<string, unknown>) {
    MemoryAdapter.store.set(this.key(id), payload);
  }
  async find(id: string) {
    return MemoryAdapter.store.get(this.key(id));
  }
  async findByUserCode() {
    return undefined;
  }
  async findByUid(uid: string) {
    return [...MemoryAdapter.store.values()].find((p) => p.uid === uid);
  }
  async consume(id: string) {
    const p = MemoryAdapter.store.get(this.key(id));
    if (p) p.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [k, p] of MemoryAdapter.store) if (p.grantId === grantId) MemoryAdapter.store.delete(k);
  }
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Every authorization code issued so far expires now. */
  expireCodes(): void;
  /** The next redirect back to POMS is answered with a page instead; resolves with its URL. */
  holdNextCallback(): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback `port`: one confidential
 * client for POMS, PKCE required, its development login form (any login, any password: the login
 * becomes preferred_username), end_session back to POMS.
 */
export async function startOidcProvider(port: number, pomsUrl: string): Promise<TestOidcProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'poms';
  const clientSecret = 'a-test-client-secret-of-the-provider';
  const provider = new Provider(issuer, {
    adapter: MemoryAdapter as never,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${pomsUrl}/auth/callback`],
        post_logout_redirect_uris: [`${pomsUrl}/signed-out`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name', 'groups'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, preferred_username: id, name: id, groups: [`fermilab/${id}`] }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['a-test-cookie-key-for-the-provider'] },
  });
  let hold: ((u: URL) => void) | undefined;
  // Koa middleware: a held return to POMS becomes a plain page, its URL kept for the test.
  provider.use(
    async (
      ctx: { status: number; body: unknown; response: { get(h: string): string } },
      next: () => Promise<void>,
    ) => {
      await next();
      const to = ctx.response.get('location');
      if (hold && ctx.status >= 300 && ctx.status < 400 && to.startsWith(`${pomsUrl}/auth/callback`)) {
        hold(new URL(to));
        hold = undefined;
        ctx.status = 200;
        ctx.body = 'held';
      }
    },
  );
  const server: Server = await new Promise((ok) => {
    const s = provider.listen(port, '127.0.0.1', () => ok(s));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    expireCodes() {
      for (const [k, p] of MemoryAdapter.store)
        if (k.startsWith('AuthorizationCode:')) p.exp = Math.floor(Date.now() / 1000) - 60;
    },
    holdNextCallback() {
      return new Promise<URL>((ok) => (hold = ok));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}
