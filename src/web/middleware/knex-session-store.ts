import session from 'express-session';
import type { Knex } from 'knex';

// express-session store on the `sessions` table, so sessions survive restarts and are shared by
// every app process on the same database.
export class KnexSessionStore extends session.Store {
  constructor(
    private readonly db: Knex,
    private readonly defaultTtlMs = 7 * 24 * 3600 * 1000,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires) : null;
    return cookieExpiry ?? new Date(Date.now() + this.defaultTtlMs);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db('sessions')
      .where({ sid })
      .andWhere('expires_at', '>', new Date())
      .first()
      .then((row) => cb(null, row ? (row.data as session.SessionData) : null), cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.db('sessions')
      .insert({ sid, data: JSON.stringify(sess), expires_at: this.expiry(sess) })
      .onConflict('sid')
      .merge()
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.db('sessions')
      .where({ sid })
      .update({ expires_at: this.expiry(sess) })
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db('sessions')
      .where({ sid })
      .delete()
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
  }

  /** Deletes expired sessions; called by a housekeeping loop. */
  async prune(): Promise<number> {
    return this.db('sessions').where('expires_at', '<=', new Date()).delete();
  }
}
