// An HTTP client that behaves like a browser for our pages: keeps the session cookie, reads the
// CSRF token from forms, does not follow redirects (tests assert them).
export class BrowserLikeClient {
  private cookie = '';
  csrf = '';

  constructor(readonly base: string) {}

  private remember(res: Response) {
    const set = res.headers.getSetCookie?.() ?? [];
    for (const c of set) if (c.startsWith('poms.sid=')) this.cookie = c.split(';')[0];
  }

  private async keepToken(res: Response): Promise<string> {
    const text = await res.text();
    const m = text.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return text;
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      headers: { cookie: this.cookie, ...headers },
      redirect: 'manual',
    });
    this.remember(res);
    const body = await this.keepToken(res);
    return { status: res.status, location: res.headers.get('location'), body, headers: res.headers };
  }

  async post(path: string, form: Record<string, string>, opts: { csrf?: boolean; referer?: string } = {}) {
    const body = new URLSearchParams(form);
    if (opts.csrf !== false && this.csrf) body.set('_csrf', this.csrf);
    const res = await fetch(this.base + path, {
      method: 'POST',
      body,
      headers: {
        cookie: this.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...(opts.referer ? { referer: this.base + opts.referer } : {}),
      },
      redirect: 'manual',
    });
    this.remember(res);
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), body: text };
  }

  /** A multipart form (file uploads) as the browser posts it; the caller adds _csrf when it should. */
  async postForm(path: string, form: FormData) {
    const res = await fetch(this.base + path, {
      method: 'POST',
      body: form,
      headers: { cookie: this.cookie },
      redirect: 'manual',
    });
    this.remember(res);
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), body: text };
  }

  async signIn(username: string) {
    await this.get('/sign-in');
    const r = await this.post('/sign-in', { username });
    if (r.status !== 303)
      throw new Error(`sign-in as ${username} failed: ${r.status} ${r.body.slice(0, 200)}`);
    await this.get('/experiments'); // fresh token for the new session
    return r;
  }
}

/** JSON API calls as a script would make them. */
export async function api(
  base: string,
  method: string,
  path: string,
  opts: { user?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(base + path, {
    method,
    headers: {
      accept: 'application/json',
      ...(opts.user ? { 'x-remote-user': opts.user } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text, headers: res.headers };
}
