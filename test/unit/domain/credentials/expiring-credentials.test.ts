import { describe, expect, it } from 'vitest';
import { expiringCredentials } from '../../../../src/domain/credentials/index.js';

const HOUR = 3600;
const now = new Date('2026-12-06T12:00:00Z');
const jwt = (exp: number | undefined) =>
  ['e30', Buffer.from(JSON.stringify(exp === undefined ? {} : { exp })).toString('base64url'), 'c2ln'].join(
    '.',
  );
const file = (name: string, text: string, storedAt = now) => ({ name, bytes: Buffer.from(text), storedAt });
const inHours = (h: number) => Math.floor(now.getTime() / 1000) + h * HOUR;

describe('expiringCredentials', () => {
  it('keeps what ends within the window, the expired included, soonest first', () => {
    const out = expiringCredentials(
      [
        { what: 'production token', file: file('bt_late', jwt(inHours(100))) },
        { what: 'production token', file: file('bt_soon', jwt(inHours(10))) },
        { what: 'production proxy', file: file('x509_gone', jwt(inHours(-2))) },
      ],
      now,
      48 * HOUR,
      7 * 24 * HOUR,
    );
    expect(out.map((c) => [c.name, c.leftS])).toEqual([
      ['x509_gone', -2 * HOUR],
      ['bt_soon', 10 * HOUR],
    ]);
    expect(out[1]).toMatchObject({ what: 'production token', expiresAt: new Date(inHours(10) * 1000) });
  });

  it('dates an opaque vault token from when it was stored; leaves unreadable ones to the launch check', () => {
    const stored = new Date(now.getTime() - 6 * 24 * HOUR * 1000);
    const out = expiringCredentials(
      [
        { what: 'production token', file: file('vt_opaque', 'hvs.CAESIabc', stored) },
        { what: 'production token', file: file('bt_noexp', jwt(undefined)) },
      ],
      now,
      48 * HOUR,
      7 * 24 * HOUR,
    );
    expect(out).toEqual([
      {
        what: 'production token',
        name: 'vt_opaque',
        expiresAt: new Date(stored.getTime() + 7 * 24 * HOUR * 1000),
        leftS: 24 * HOUR,
      },
    ]);
  });
});
