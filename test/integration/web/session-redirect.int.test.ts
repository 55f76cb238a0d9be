import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { describe, expect, it } from 'vitest';
import { saveSessionBeforeRedirect } from '../../../src/web/middleware/save-before-redirect.js';

/** A session store whose writes wait until the test releases them, like a busy database. */
class GatedStore extends session.MemoryStore {
  readonly events: string[] = [];
  private pending: Array<() => void> = [];
  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.pending.push(() => {
      this.events.push('stored');
      super.set(sid, sess, cb);
    });
  }
  get waiting() {
    return this.pending.length;
  }
  release() {
    for (const w of this.pending.splice(0)) w();
  }
}

async function serve(withMiddleware: boolean) {
  const store = new GatedStore();
  const app = express();
  app.use(session({ store, secret: 's', resave: false, saveUninitialized: false }));
  if (withMiddleware) app.use(saveSessionBeforeRedirect);
  app.post('/sign-in', (req, res) => {
    (req.session as unknown as { username: string }).username = 'ada';
    res.redirect(303, '/');
  });
  app.get('/bounce', (_req, res) => res.redirect(303, '/'));
  const server = await new Promise<ReturnType<typeof app.listen>>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = () =>
    fetch(`${url}/sign-in`, { method: 'POST', redirect: 'manual' }).then((r) => {
      store.events.push('headers');
      return r;
    });
  return { store, url, signIn, close: () => new Promise((ok) => server.close(ok)) };
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 10));
};

// A browser follows a 303 as soon as its headers arrive: the session must be stored by then, or the
// next page finds nobody signed in (a flaky sign-in seen in the browser suites).
describe('redirects wait for the session store', () => {
  it('the session is stored before the redirect headers leave', async () => {
    const s = await serve(true);
    try {
      const answer = s.signIn();
      await until(() => s.store.waiting > 0);
      await new Promise((r) => setTimeout(r, 200));
      s.store.release();
      expect((await answer).status).toBe(303);
      expect(s.store.events).toEqual(['stored', 'headers']);
      // An anonymous redirect stores nothing.
      await fetch(`${s.url}/bounce`, { redirect: 'manual' });
      expect(s.store.waiting).toBe(0);
      expect(s.store.events).toEqual(['stored', 'headers']);
    } finally {
      await s.close();
    }
  });

  it('without it express-session sends the headers before storing (the race it closes)', async () => {
    const s = await serve(false);
    try {
      const answer = s.signIn();
      expect((await answer).status).toBe(303);
      await until(() => s.store.waiting > 0);
      s.store.release();
      expect(s.store.events).toEqual(['headers', 'stored']);
    } finally {
      await s.close();
    }
  });
});
