import session from 'express-session';
import type { Knex } from 'knex';
import { prepared } from '../../db/prepared.js';

/** Sessions whose stored expiry this process remembers (to skip needless touches); oldest dropped. */
const REMEMBERED = 10_000;

// express-session store on the `sessions` table, so sessions survive restarts and are shared by
// every app process on the same database. A rolling session's expiry is written at most once per
// `touchEveryMs` (not on every request): a session may end that much earlier than a week after
// its last request.
export class KnexSessionStore extends session.Store {
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    private readonly db: Knex,
    private readonly defaultTtlMs = 7 * 24 * 3600 * 1000,
    private readonly touchEveryMs = 3600 * 1000,
  ) {
    super();
  }

  private remember(sid: string, expires: Date): void {
    this.storedExpiry.delete(sid);
    this.storedExpiry.set(sid, expires.getTime());
    if (this.storedExpiry.size > REMEMBERED)
      this.storedExpiry.delete(this.storedExpiry.keys().next().value as string);
  }

  private expiry(sess: session.SessionData): Date {
    const cookieExpiry = sess.cookie?.expires ? new Date(sess.cookie.expires) : null;
    return cookieExpiry ?? new Date(Date.now() + this.defaultTtlMs);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    prepared(
      this.db('sessions').where({ sid }).andWhere('expires_at', '>', new Date()).first('data', 'expires_at'),
    ).then((row) => {
      if (row) this.remember(sid, new Date(row.expires_at));
      cb(null, row ? (row.data as session.SessionData) : null);
    }, cb);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expires = this.expiry(sess);
    this.db('sessions')
      .insert({ sid, data: JSON.stringify(sess), expires_at: expires })
      .onConflict('sid')
      .merge()
      .then(
        () => {
          this.remember(sid, expires);
          cb?.();
        },
        (e) => cb?.(e),
      );
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expires = this.expiry(sess);
    const known = this.storedExpiry.get(sid);
    if (known !== undefined && expires.getTime() - known < this.touchEveryMs) {
      cb?.();
      return;
    }
    this.db('sessions')
      .where({ sid })
      .update({ expires_at: expires })
      .then(
        () => {
          this.remember(sid, expires);
          cb?.();
        },
        (e) => cb?.(e),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.storedExpiry.delete(sid);
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
    return (await this.db('sessions').where('expires_at', '<=', new Date()).delete('sid')).length;
  }
}
